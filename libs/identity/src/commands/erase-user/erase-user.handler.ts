import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { SessionRevocations } from '../../auth/session-revocations';
import { SubjectKeys } from '../../crypto/subject-keys';
import { userDecider, userStream } from '../../domain/user.stream';
import { identityError } from '../../identity.errors';
import { UserDirectory } from '../../users/user-directory';
import { EraseUserCommand } from './erase-user.command';
import { decideErase } from './erase-user.decide';

/**
 * Right to be forgotten by crypto-shredding: the key goes first (so a failure after it still
 * leaves the data unreadable), then SubjectErased and the revoked sessions, then the email and
 * phone claims are released so the addresses can sign up again.
 */
@CommandHandler(EraseUserCommand)
export class EraseUserHandler implements ICommandHandler<EraseUserCommand, void> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly users: UserDirectory,
    private readonly keys: SubjectKeys,
    private readonly revocations: SessionRevocations,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: EraseUserCommand): Promise<void> {
    const { metadata, userId } = command;
    const { state } = await this.users.load(metadata.tenantId, userId);
    if (state.status === 'none') throw identityError('IDENTITY.USER_NOT_FOUND', 'Unknown user');
    await this.keys.erase(metadata.tenantId, userId);
    const outcome = await this.runner.run(
      { decider: userDecider, streamId: userStream(metadata.tenantId, userId), decide: (current) => decideErase(current, userId, this.clock.now()) },
      metadata,
    );
    this.revocations.markRevoked(outcome.events.flatMap((event) => (event.type === 'SessionRevoked' ? [event.data.sessionId] : [])));
    if (state.emailHash) await this.users.release('email', state.emailHash, userId, metadata, this.clock);
    if (state.phoneHash && state.phoneVerified) await this.users.release('phone', state.phoneHash, userId, metadata, this.clock);
  }
}
