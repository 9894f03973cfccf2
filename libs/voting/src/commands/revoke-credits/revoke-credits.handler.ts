import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { voterDecider } from '../../domain/voter.state';
import { voterStream } from '../../domain/voting.streams';
import { RevokeCreditsCommand, RevokeCreditsResult } from './revoke-credits.command';
import { decideRevokeCredits } from './revoke-credits.decide';

@CommandHandler(RevokeCreditsCommand)
export class RevokeCreditsHandler implements ICommandHandler<RevokeCreditsCommand, RevokeCreditsResult> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: RevokeCreditsCommand): Promise<RevokeCreditsResult> {
    const now = this.clock.now();
    const { input } = command;
    const outcome = await this.runner.run(
      {
        decider: voterDecider,
        streamId: voterStream(command.metadata.tenantId, input.userId),
        decide: (state) => decideRevokeCredits(input, state, now),
      },
      command.metadata,
    );
    let revoked = 0;
    const voidedVoteIds: string[] = [];
    let recovered = 0;
    for (const event of outcome.events) {
      if (event.type === 'CreditsRevoked') revoked = event.data.credits;
      else if (event.type === 'VoteVoided') {
        voidedVoteIds.push(event.data.voteId);
        recovered += event.data.paidRecovered;
      }
    }
    const applied = outcome.events.length > 0;
    const shortfall = applied ? Math.max(0, input.credits - revoked - recovered) : 0;
    return { revokeId: input.revokeId, applied, revoked, shortfall, voidedVoteIds, balance: outcome.state.balance };
  }
}
