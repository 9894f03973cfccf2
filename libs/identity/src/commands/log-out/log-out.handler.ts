import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { SessionRevocations } from '../../auth/session-revocations';
import { userDecider, userStream } from '../../domain/user.stream';
import { decideLogout } from './log-out.decide';
import { LogOutCommand } from './log-out.command';

/** Ends the caller's session: its access token is refused from the next request on, its refresh token at once. */
@CommandHandler(LogOutCommand)
export class LogOutHandler implements ICommandHandler<LogOutCommand, void> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly revocations: SessionRevocations,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: LogOutCommand): Promise<void> {
    // Marked first: even if the append fails, this process stops honouring the token.
    this.revocations.markRevoked([command.sessionId]);
    await this.runner.run(
      { decider: userDecider, streamId: userStream(command.metadata.tenantId, command.userId), decide: (state) => decideLogout(state, command.sessionId, this.clock.now()) },
      command.metadata,
    );
  }
}
