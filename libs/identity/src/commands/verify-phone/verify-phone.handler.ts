import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { Lookups } from '../../crypto/lookups';
import { SubjectKeys } from '../../crypto/subject-keys';
import { userDecider, userStream } from '../../domain/user.stream';
import { identityError } from '../../identity.errors';
import { UserDirectory } from '../../users/user-directory';
import { OtpVerifier } from '../verify-otp/otp-verifier';
import { VerifyPhoneCommand } from './verify-phone.command';
import { decidePhoneVerified } from './verify-phone.decide';

/**
 * The code sent to the number proves the caller holds it; the number is then claimed (one
 * account per verified number and tenant) and recorded with its type for fraud scoring.
 */
@CommandHandler(VerifyPhoneCommand)
export class VerifyPhoneHandler implements ICommandHandler<VerifyPhoneCommand, { phoneVerified: true }> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly verifier: OtpVerifier,
    private readonly users: UserDirectory,
    private readonly lookups: Lookups,
    private readonly keys: SubjectKeys,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: VerifyPhoneCommand): Promise<{ phoneVerified: true }> {
    const { metadata } = command;
    const tenantId = metadata.tenantId;
    const phone = this.lookups.parsePhone(command.phone);
    const verified = await this.verifier.verify({ channel: 'sms', address: phone.e164 }, 'phone_verify', command.code, metadata);
    if (verified.userId !== command.userId) throw identityError('IDENTITY.OTP_INVALID', 'The code is not valid');
    const phoneHash = this.lookups.phoneHash(tenantId, phone.e164);
    await this.users.claim('phone', phoneHash, command.userId, metadata, this.clock);
    const key = await this.keys.ensure(tenantId, command.userId);
    const facts = { otpId: verified.otpId, phone: this.keys.seal(key, 'phone', phone.e164), phoneHash, numberType: phone.type, countryCode: phone.countryCode };
    await this.runner.run(
      { decider: userDecider, streamId: userStream(tenantId, command.userId), decide: (state) => decidePhoneVerified(state, { ...facts, now: this.clock.now() }) },
      metadata,
    );
    return { phoneVerified: true };
  }
}
