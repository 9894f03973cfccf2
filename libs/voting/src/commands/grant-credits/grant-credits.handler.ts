import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { voterDecider } from '../../domain/voter.state';
import { voterStream } from '../../domain/voting.streams';
import { GrantCreditsCommand, GrantCreditsResult } from './grant-credits.command';
import { decideGrantCredits } from './grant-credits.decide';

@CommandHandler(GrantCreditsCommand)
export class GrantCreditsHandler implements ICommandHandler<GrantCreditsCommand, GrantCreditsResult> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: GrantCreditsCommand): Promise<GrantCreditsResult> {
    const now = this.clock.now();
    const outcome = await this.runner.run(
      {
        decider: voterDecider,
        streamId: voterStream(command.metadata.tenantId, command.input.userId),
        decide: (state) => decideGrantCredits(command.input, state, now),
      },
      command.metadata,
    );
    return { grantId: command.input.grantId, applied: outcome.events.length > 0, balance: outcome.state.balance };
  }
}
