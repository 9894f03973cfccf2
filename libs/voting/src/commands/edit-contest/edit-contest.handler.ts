import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { contestDecider } from '../../domain/contest.state';
import { contestStream } from '../../domain/voting.streams';
import { EditContestCommand } from './edit-contest.command';
import { decideEditContest } from './edit-contest.decide';

@CommandHandler(EditContestCommand)
export class EditContestHandler implements ICommandHandler<EditContestCommand, { eventId: string }> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: EditContestCommand): Promise<{ eventId: string }> {
    const now = this.clock.now();
    await this.runner.run(
      { decider: contestDecider, streamId: contestStream(metadata.tenantId, input.contestId), decide: (state) => decideEditContest(input, state, now) },
      metadata,
    );
    return { eventId: input.contestId };
  }
}
