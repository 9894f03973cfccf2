import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { SessionRevocations } from '../../auth/session-revocations';
import { SessionTokens, TokenPair } from '../../auth/session-tokens';
import { tokenHash } from '../../crypto/pii-keys';
import { parseToken } from '../../crypto/secrets';
import { userDecider, userStream } from '../../domain/user.stream';
import { identityError } from '../../identity.errors';
import { decideRefresh } from './refresh-session.decide';
import { RefreshSessionCommand } from './refresh-session.command';

/** Rotates the refresh token; a spent one revokes its session at once (this process) and is refused. */
@CommandHandler(RefreshSessionCommand)
export class RefreshSessionHandler implements ICommandHandler<RefreshSessionCommand, TokenPair> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly tokens: SessionTokens,
    private readonly revocations: SessionRevocations,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: RefreshSessionCommand): Promise<TokenPair> {
    const parsed = parseToken('rt', command.refreshToken);
    if (!parsed) throw identityError('IDENTITY.INVALID_REFRESH_TOKEN', 'The refresh token is not valid');
    const tenantId = command.metadata.tenantId;
    const next = this.tokens.refreshSecret(this.clock.now());
    const outcome = await this.runner.run(
      {
        decider: userDecider,
        streamId: userStream(tenantId, parsed.userId),
        decide: (state) =>
          decideRefresh(state, { sessionId: parsed.id, presentedHash: tokenHash(parsed.secret), nextHash: next.hash, now: this.clock.now(), expiresAt: next.expiresAt }),
      },
      command.metadata,
    );
    if (outcome.events.some((event) => event.type === 'RefreshTokenReused')) {
      this.revocations.markRevoked([parsed.id]);
      throw identityError('IDENTITY.REFRESH_TOKEN_REUSED', 'This refresh token was already used; the session has been revoked');
    }
    return this.tokens.pair({ tenantId, userId: parsed.userId, sessionId: parsed.id, roles: outcome.state.roles }, next.secret, this.clock.now());
  }
}
