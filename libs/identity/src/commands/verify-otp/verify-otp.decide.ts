import { timingSafeEqual } from 'node:crypto';
import type { OtpPolicy } from '../../identity.config';
import type { OtpFailureReason, OtpLockedOut, OtpPurpose, OtpVerificationFailed, OtpVerified } from '../../domain/otp.events';
import { countSince, OtpState } from '../../domain/otp.state';
import { assertNotLocked } from '../log-in/log-in.decide';

export interface OtpAttempt {
  purpose: OtpPurpose;
  code: string;
  /** The keyed hash of a code for an otpId (deterministic). */
  hashCode: (otpId: string, code: string) => string;
  now: Date;
  policy: OtpPolicy;
}

export type OtpAttemptEvent = OtpVerified | OtpVerificationFailed | OtpLockedOut;

/**
 * A locked subject is refused before the code is even looked at, so the sixth attempt fails
 * with the right code too. Any other miss (wrong, expired, reused, none issued) is one
 * failure; the failure that reaches the limit also locks the subject.
 */
export function decideOtpVerify(state: OtpState, attempt: OtpAttempt): OtpAttemptEvent[] {
  const { now, policy, purpose } = attempt;
  assertNotLocked(state.lockedUntil, now, 'IDENTITY.OTP_LOCKED');
  const active = state.codes[purpose];
  const at = now.toISOString();
  let reason: OtpFailureReason | null = null;
  if (!active) reason = 'no_code';
  else if (!sameHash(attempt.hashCode(active.otpId, attempt.code), active.codeHash)) reason = 'wrong_code';
  else if (active.used) reason = 'used';
  else if (active.expiresAt <= at) reason = 'expired';
  if (active && reason === null) return [{ type: 'OtpVerified', data: { otpId: active.otpId, userId: active.userId, purpose, at } }];

  const failuresInWindow = countSince(state.failures, new Date(now.getTime() - policy.failureWindowSeconds * 1000)) + 1;
  const events: OtpAttemptEvent[] = [
    { type: 'OtpVerificationFailed', data: { otpId: active?.otpId ?? null, purpose, reason: reason ?? 'wrong_code', at, failuresInWindow } },
  ];
  if (failuresInWindow >= policy.maxFailures) {
    events.push({ type: 'OtpLockedOut', data: { at, until: new Date(now.getTime() + policy.lockoutSeconds * 1000).toISOString() } });
  }
  return events;
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
