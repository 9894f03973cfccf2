import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandMetadata, CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { SessionTokens, TokenPair } from '../../auth/session-tokens';
import { Lookups } from '../../crypto/lookups';
import { PasswordHasher } from '../../crypto/passwords';
import { loginIpDecider, loginIpStream } from '../../domain/login-ip';
import { userDecider, userStream } from '../../domain/user.stream';
import { IDENTITY_CONFIG, IdentityConfig } from '../../identity.config';
import { identityError } from '../../identity.errors';
import { UserDirectory } from '../../users/user-directory';
import { assertNotLocked, decideIpFailure, decideLogin } from './log-in.decide';
import { LogInCommand } from './log-in.command';

/**
 * Password login with lockout per account and per client IP; every failure and lockout is an
 * event (auditable). bcrypt runs before the pure decision, against the hash it then checks is
 * still current; unknown emails burn the same bcrypt time.
 */
@CommandHandler(LogInCommand)
export class LogInHandler implements ICommandHandler<LogInCommand, TokenPair> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly users: UserDirectory,
    private readonly lookups: Lookups,
    private readonly hasher: PasswordHasher,
    private readonly tokens: SessionTokens,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: LogInCommand): Promise<TokenPair> {
    const { metadata } = command;
    const tenantId = metadata.tenantId;
    const ipStream = metadata.clientIp ? loginIpStream(tenantId, this.lookups.ipHash(tenantId, metadata.clientIp)) : null;
    if (ipStream) assertNotLocked((await this.runner.load(loginIpDecider, ipStream)).state.lockedUntil, this.clock.now(), 'IDENTITY.LOGIN_LOCKED');

    const userId = await this.users.userIdBy('email', tenantId, this.lookups.emailHash(tenantId, command.email));
    const loaded = userId ? (await this.users.load(tenantId, userId)).state : null;
    if (!userId || !loaded?.passwordHash) {
      await this.hasher.verifyDummy(command.password);
      await this.recordIpFailure(ipStream, metadata);
      throw identityError('IDENTITY.INVALID_CREDENTIALS', 'Invalid email or password');
    }
    assertNotLocked(loaded.lockedUntil, this.clock.now(), 'IDENTITY.LOGIN_LOCKED');
    const passwordOk = await this.hasher.verify(command.password, loaded.passwordHash);
    const { session, secret } = this.tokens.newSession('password', this.clock.now());
    const outcome = await this.runner.run(
      {
        decider: userDecider,
        streamId: userStream(tenantId, userId),
        decide: (state) => decideLogin(state, { passwordOk, passwordHashChecked: loaded.passwordHash, session, now: this.clock.now(), policy: this.config.login }),
      },
      metadata,
    );
    if (!outcome.events.some((event) => event.type === 'SessionStarted')) {
      await this.recordIpFailure(ipStream, metadata);
      throw identityError('IDENTITY.INVALID_CREDENTIALS', 'Invalid email or password');
    }
    return this.tokens.pair({ tenantId, userId, sessionId: session.sessionId, roles: outcome.state.roles }, secret, this.clock.now());
  }

  private async recordIpFailure(ipStream: string | null, metadata: CommandMetadata): Promise<void> {
    if (!ipStream) return;
    await this.runner.run({ decider: loginIpDecider, streamId: ipStream, decide: (state) => decideIpFailure(state, this.clock.now(), this.config.login) }, metadata);
  }
}
