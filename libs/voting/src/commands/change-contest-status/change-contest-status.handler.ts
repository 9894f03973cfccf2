import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { contestDecider } from '../../domain/contest.state';
import { contestStream } from '../../domain/voting.streams';
import { ChangeContestStatusCommand, ChangeContestStatusResult } from './change-contest-status.command';
import { decideChangeStatus, decideScheduledMove } from './change-contest-status.decide';

@CommandHandler(ChangeContestStatusCommand)
export class ChangeContestStatusHandler implements ICommandHandler<ChangeContestStatusCommand, ChangeContestStatusResult> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: ChangeContestStatusCommand): Promise<ChangeContestStatusResult> {
    const now = this.clock.now();
    const { to } = input;
    const outcome = await this.runner.run(
      {
        decider: contestDecider,
        streamId: contestStream(metadata.tenantId, input.contestId),
        decide: (state) => (to === 'due' ? decideScheduledMove(state, now) : decideChangeStatus(to, state, now)),
      },
      metadata,
    );
    return { eventId: input.contestId, status: outcome.state.status, changed: outcome.events.length > 0 };
  }
}
