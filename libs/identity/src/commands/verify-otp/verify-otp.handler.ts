import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { SessionTokens } from '../../auth/session-tokens';
import { Lookups } from '../../crypto/lookups';
import { userDecider, userStream } from '../../domain/user.stream';
import { identityError } from '../../identity.errors';
import { decideLogin } from '../log-in/log-in.decide';
import { otpDestination } from '../request-otp/otp-destination';
import { RequestResetTokenCommand } from '../reset-password/request-reset.command';
import { VerifyPhoneCommand } from '../verify-phone/verify-phone.command';
import { OtpVerifier } from './otp-verifier';
import { VerifyOtpCommand, VerifyOtpResult } from './verify-otp.command';
import { IDENTITY_CONFIG, IdentityConfig } from '../../identity.config';

/** login → a token pair (a session started by OTP); phone_verify → the phone verification; password_reset → a reset token. */
@CommandHandler(VerifyOtpCommand)
export class VerifyOtpHandler implements ICommandHandler<VerifyOtpCommand, VerifyOtpResult> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly verifier: OtpVerifier,
    private readonly lookups: Lookups,
    private readonly tokens: SessionTokens,
    private readonly commands: CommandBus,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: VerifyOtpCommand): Promise<VerifyOtpResult> {
    const { metadata, purpose } = command;
    if (purpose === 'phone_verify') {
      if (!command.actorUserId) throw identityError('IDENTITY.UNAUTHENTICATED', 'Phone verification needs a signed-in user');
      return this.commands.execute(new VerifyPhoneCommand(command.actorUserId, command.destination.phone ?? '', command.code, metadata));
    }
    const channel = command.destination.phone ? 'sms' : 'email';
    const verified = await this.verifier.verify(otpDestination(this.lookups, channel, command.destination), purpose, command.code, metadata);
    if (purpose === 'password_reset') return this.commands.execute(new RequestResetTokenCommand(verified.userId, null, metadata));

    const { session, secret } = this.tokens.newSession('otp', this.clock.now());
    const outcome = await this.runner.run(
      {
        decider: userDecider,
        streamId: userStream(metadata.tenantId, verified.userId),
        // The code proved the subject: the password check is satisfied by construction.
        decide: (state) => decideLogin(state, { passwordOk: true, passwordHashChecked: state.passwordHash, session, now: this.clock.now(), policy: this.config.login }),
      },
      metadata,
    );
    return this.tokens.pair({ tenantId: metadata.tenantId, userId: verified.userId, sessionId: session.sessionId, roles: outcome.state.roles }, secret, this.clock.now());
  }
}
