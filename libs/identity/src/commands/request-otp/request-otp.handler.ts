import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK, uuidv7 } from '@tally/platform';
import { Lookups } from '../../crypto/lookups';
import { otpCode } from '../../crypto/secrets';
import { SubjectKeys } from '../../crypto/subject-keys';
import { otpDecider, otpStream, smsPrefixDecider, smsPrefixStream } from '../../domain/otp.state';
import { identityError } from '../../identity.errors';
import { ValidationProblem } from '../../identity.validation';
import { UserDirectory } from '../../users/user-directory';
import { otpDestination } from './otp-destination';
import { OTP_POLICY_SOURCE, OtpPolicySource } from './otp-policy.source';
import { RequestOtpCommand } from './request-otp.command';
import { decideOtpRequest, decideSmsPrefix } from './request-otp.decide';

const DRY_RUN_ENVELOPE = { kid: '', iv: '', ct: '' };

/**
 * Issues a code (202 whatever happens to unknown addresses, so the endpoint reveals no
 * accounts). SMS first spends from the number prefix's hourly budget (SMS pumping), then the
 * destination's own stream enforces lockout and its hourly limit. The code leaves only as an
 * envelope for the notifier, which sends it asynchronously from the event log.
 */
@CommandHandler(RequestOtpCommand)
export class RequestOtpHandler implements ICommandHandler<RequestOtpCommand, void> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly users: UserDirectory,
    private readonly lookups: Lookups,
    private readonly keys: SubjectKeys,
    @Inject(OTP_POLICY_SOURCE) private readonly policies: OtpPolicySource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: RequestOtpCommand): Promise<void> {
    const { metadata, purpose, channel } = command;
    const tenantId = metadata.tenantId;
    const destination = otpDestination(this.lookups, channel, command.destination);
    const userId = await this.subjectUser(command, destination.address);
    if (!userId || (await this.users.load(tenantId, userId)).state.status !== 'active') return;

    const policy = await this.policies.forTenant(tenantId);
    const streamId = otpStream(tenantId, this.lookups.otpSubjectHash(tenantId, channel, destination.address));
    if (channel === 'sms') {
      // A locked or over-asked number must not spend its prefix's budget: check it first (the
      // append below re-checks it atomically).
      const { state } = await this.runner.load(otpDecider, streamId);
      decideOtpRequest(state, { otpId: 'dry-run', userId, purpose, channel, codeHash: '', destination: DRY_RUN_ENVELOPE, code: DRY_RUN_ENVELOPE, policy, now: this.clock.now() });
      const digits = destination.address.replace(/\D/g, '').slice(0, policy.prefixDigits);
      await this.runner.run({ decider: smsPrefixDecider, streamId: smsPrefixStream(tenantId, digits), decide: (state) => decideSmsPrefix(state, this.clock.now(), policy) }, metadata);
    }
    const key = await this.keys.ensure(tenantId, userId);
    const code = otpCode();
    const otpId = uuidv7(this.clock.now().getTime());
    const issue = {
      otpId,
      userId,
      purpose,
      channel,
      codeHash: this.lookups.otpCodeHash(otpId, code),
      destination: this.keys.seal(key, 'otp-destination', destination.address),
      code: this.keys.seal(key, 'otp-code', code),
      policy,
    };
    await this.runner.run({ decider: otpDecider, streamId, decide: (state) => decideOtpRequest(state, { ...issue, now: this.clock.now() }) }, metadata);
  }

  /** Whose code this is: the signed-in caller for phone verification, else the address's owner. */
  private async subjectUser(command: RequestOtpCommand, address: string): Promise<string | null> {
    const tenantId = command.metadata.tenantId;
    if (command.purpose === 'phone_verify') {
      if (!command.actorUserId) throw identityError('IDENTITY.UNAUTHENTICATED', 'Phone verification needs a signed-in user');
      if (command.channel !== 'sms') throw new ValidationProblem('channel', 'phone_verify codes are sent by sms');
      return command.actorUserId;
    }
    return command.channel === 'sms'
      ? this.users.userIdBy('phone', tenantId, this.lookups.phoneHash(tenantId, address))
      : this.users.userIdBy('email', tenantId, this.lookups.emailHash(tenantId, address));
  }
}
