import { Inject, Optional } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK, TENANT_USERS, TenantUserLookup } from '@tally/platform';
import { voterDecider } from '../../domain/voter.state';
import { voterStream } from '../../domain/voting.streams';
import { VotingError } from '../../voting.errors';
import { GrantCreditsCommand, GrantCreditsResult } from './grant-credits.command';
import { decideGrantCredits } from './grant-credits.decide';

@CommandHandler(GrantCreditsCommand)
export class GrantCreditsHandler implements ICommandHandler<GrantCreditsCommand, GrantCreditsResult> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(TENANT_USERS) private readonly users?: TenantUserLookup,
  ) {}

  async execute(command: GrantCreditsCommand): Promise<GrantCreditsResult> {
    // An organizer names the user by hand; payments and subscriptions grant to their own payer.
    if (command.input.source.kind === 'admin') await this.refuseUnknownUser(command.metadata.tenantId, command.input.userId);
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

  private async refuseUnknownUser(tenantId: string, userId: string): Promise<void> {
    if (!this.users || (await this.users.isUserOf(tenantId, userId))) return;
    throw new VotingError('VOTING.USER_NOT_FOUND', `No user ${userId} in this tenant`, { errors: [{ field: 'userId', message: 'names no user of this tenant' }] });
  }
}
