import { Inject, Injectable } from '@nestjs/common';
import { CommandMetadata, CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { Lookups } from '../../crypto/lookups';
import type { OtpPurpose } from '../../domain/otp.events';
import { otpDecider, otpStream } from '../../domain/otp.state';
import { identityError } from '../../identity.errors';
import type { OtpDestination } from '../request-otp/otp-destination';
import { OTP_POLICY_SOURCE, OtpPolicySource } from '../request-otp/otp-policy.source';
import { decideOtpVerify } from './verify-otp.decide';

/**
 * Checks a code against its destination's stream. Each attempt is appended with the stream's
 * expected revision (the runner re-decides on a conflict), so N racing attempts are counted
 * one by one and at most `maxFailures` are ever evaluated before the lockout.
 */
@Injectable()
export class OtpVerifier {
  constructor(
    private readonly runner: CommandRunner,
    private readonly lookups: Lookups,
    @Inject(OTP_POLICY_SOURCE) private readonly policies: OtpPolicySource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async verify(destination: OtpDestination, purpose: OtpPurpose, code: string, metadata: CommandMetadata): Promise<{ userId: string; otpId: string }> {
    const tenantId = metadata.tenantId;
    const policy = await this.policies.forTenant(tenantId);
    const streamId = otpStream(tenantId, this.lookups.otpSubjectHash(tenantId, destination.channel, destination.address));
    const outcome = await this.runner.run(
      {
        decider: otpDecider,
        streamId,
        decide: (state) => decideOtpVerify(state, { purpose, code, hashCode: (otpId, candidate) => this.lookups.otpCodeHash(otpId, candidate), now: this.clock.now(), policy }),
      },
      metadata,
    );
    for (const event of outcome.events) {
      if (event.type === 'OtpVerified') return { userId: event.data.userId, otpId: event.data.otpId };
      if (event.type === 'OtpVerificationFailed') {
        if (event.data.reason === 'expired') throw identityError('IDENTITY.OTP_EXPIRED', 'The code has expired; request a new one');
        throw identityError('IDENTITY.OTP_INVALID', 'The code is not valid', { attemptsLeft: Math.max(0, policy.maxFailures - event.data.failuresInWindow) });
      }
    }
    throw new Error('OTP decision appended neither success nor failure');
  }
}
