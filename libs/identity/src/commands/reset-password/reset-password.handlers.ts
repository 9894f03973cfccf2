import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK, uuidv7 } from '@tally/platform';
import { SessionRevocations } from '../../auth/session-revocations';
import { Lookups } from '../../crypto/lookups';
import { checkPassword, PasswordHasher } from '../../crypto/passwords';
import { tokenHash } from '../../crypto/pii-keys';
import { formatToken, parseToken, randomSecret } from '../../crypto/secrets';
import { SubjectKeys } from '../../crypto/subject-keys';
import { userDecider, userStream } from '../../domain/user.stream';
import { IDENTITY_CONFIG, IdentityConfig } from '../../identity.config';
import { identityError } from '../../identity.errors';
import { UserDirectory } from '../../users/user-directory';
import { CompletePasswordResetCommand, RequestPasswordResetCommand, RequestResetTokenCommand } from './request-reset.command';
import { decideResetCompletion, decideResetRequest } from './reset-password.decide';

@CommandHandler(RequestResetTokenCommand)
export class RequestResetTokenHandler implements ICommandHandler<RequestResetTokenCommand, { resetToken: string }> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly keys: SubjectKeys,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: RequestResetTokenCommand): Promise<{ resetToken: string }> {
    const { metadata, userId } = command;
    const resetId = uuidv7(this.clock.now().getTime());
    const secret = randomSecret();
    const resetToken = formatToken('pr', userId, resetId, secret);
    const key = command.email ? await this.keys.ensure(metadata.tenantId, userId) : null;
    const delivery = key && command.email ? { to: this.keys.seal(key, 'reset-destination', command.email), token: this.keys.seal(key, 'reset-token', resetToken) } : null;
    const outcome = await this.runner.run(
      {
        decider: userDecider,
        streamId: userStream(metadata.tenantId, userId),
        decide: (state) => decideResetRequest(state, { resetId, tokenHash: tokenHash(secret), now: this.clock.now(), ttlSeconds: this.config.passwordResetTtlSeconds, delivery }),
      },
      metadata,
    );
    if (outcome.events.length === 0) throw identityError('IDENTITY.RESET_TOKEN_INVALID', 'No reset can be started for this account now');
    return { resetToken };
  }
}

/** Answers alike for known and unknown emails; the token travels only by email. */
@CommandHandler(RequestPasswordResetCommand)
export class RequestPasswordResetHandler implements ICommandHandler<RequestPasswordResetCommand, void> {
  constructor(
    private readonly users: UserDirectory,
    private readonly lookups: Lookups,
    private readonly commands: CommandBus,
  ) {}

  async execute(command: RequestPasswordResetCommand): Promise<void> {
    const { metadata } = command;
    const email = this.lookups.normalizeEmail(command.email);
    const userId = await this.users.userIdBy('email', metadata.tenantId, this.lookups.emailHash(metadata.tenantId, email));
    if (!userId) return;
    await this.commands.execute(new RequestResetTokenCommand(userId, email, metadata)).catch((error: unknown) => {
      // A blocked, erased or over-asked account gets the same 202 as an unknown one.
      if ((error as { code?: unknown }).code !== 'IDENTITY.RESET_TOKEN_INVALID') throw error;
    });
  }
}

@CommandHandler(CompletePasswordResetCommand)
export class CompletePasswordResetHandler implements ICommandHandler<CompletePasswordResetCommand, void> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly hasher: PasswordHasher,
    private readonly revocations: SessionRevocations,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: CompletePasswordResetCommand): Promise<void> {
    const parsed = parseToken('pr', command.token);
    if (!parsed) throw identityError('IDENTITY.RESET_TOKEN_INVALID', 'The reset token is invalid, used or expired');
    checkPassword(command.newPassword, 'newPassword');
    const newPasswordHash = await this.hasher.hash(command.newPassword);
    const outcome = await this.runner.run(
      {
        decider: userDecider,
        streamId: userStream(command.metadata.tenantId, parsed.userId),
        decide: (state) => decideResetCompletion(state, { tokenHash: tokenHash(parsed.secret), newPasswordHash, now: this.clock.now() }),
      },
      command.metadata,
    );
    this.revocations.markRevoked(outcome.events.flatMap((event) => (event.type === 'SessionRevoked' ? [event.data.sessionId] : [])));
  }
}
