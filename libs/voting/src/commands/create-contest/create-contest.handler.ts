import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK, uuidv7 } from '@tally/platform';
import { contestDecider } from '../../domain/contest.state';
import { contestStream } from '../../domain/voting.streams';
import { CreateContestCommand, CreateContestResult } from './create-contest.command';
import { decideCreateContest } from './create-contest.decide';

@CommandHandler(CreateContestCommand)
export class CreateContestHandler implements ICommandHandler<CreateContestCommand, CreateContestResult> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: CreateContestCommand): Promise<CreateContestResult> {
    const contestId = input.contestId ?? uuidv7();
    const now = this.clock.now();
    await this.runner.run(
      { decider: contestDecider, streamId: contestStream(metadata.tenantId, contestId), decide: (state) => decideCreateContest(input, contestId, state, now) },
      metadata,
    );
    return { eventId: contestId, status: 'draft' };
  }
}
