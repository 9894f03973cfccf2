import type { OtpPolicy } from '../../identity.config';
import { identityError } from '../../identity.errors';
import type { Envelope } from '../../domain/pii';
import type { OtpChannel, OtpIssued, OtpPurpose, SmsPrefixUsed } from '../../domain/otp.events';
import { countSince, OtpState, SmsPrefixState } from '../../domain/otp.state';
import { assertNotLocked } from '../log-in/log-in.decide';

const HOUR_MS = 3_600_000;

export interface OtpIssue {
  otpId: string;
  userId: string;
  purpose: OtpPurpose;
  channel: OtpChannel;
  codeHash: string;
  destination: Envelope;
  code: Envelope;
  now: Date;
  policy: OtpPolicy;
}

/** A locked subject gets no new code; a destination gets at most N codes an hour. */
export function decideOtpRequest(state: OtpState, issue: OtpIssue): OtpIssued[] {
  const { now, policy } = issue;
  assertNotLocked(state.lockedUntil, now, 'IDENTITY.OTP_LOCKED');
  assertUnderHourlyLimit(state.issued, now, policy.requestsPerSubjectPerHour, 'this destination');
  return [
    {
      type: 'OtpIssued',
      data: {
        otpId: issue.otpId,
        userId: issue.userId,
        purpose: issue.purpose,
        channel: issue.channel,
        codeHash: issue.codeHash,
        issuedAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + policy.ttlSeconds * 1000).toISOString(),
        destination: issue.destination,
        code: issue.code,
      },
    },
  ];
}

/** SMS pumping: all numbers under one prefix share an hourly budget. */
export function decideSmsPrefix(state: SmsPrefixState, now: Date, policy: OtpPolicy): SmsPrefixUsed[] {
  assertUnderHourlyLimit(state.sent, now, policy.requestsPerPrefixPerHour, 'numbers in this range');
  return [{ type: 'SmsPrefixUsed', data: { at: now.toISOString() } }];
}

function assertUnderHourlyLimit(times: readonly string[], now: Date, limit: number, what: string): void {
  const since = new Date(now.getTime() - HOUR_MS);
  if (countSince(times, since) < limit) return;
  const oldestInWindow = times[times.length - limit];
  const retryAfterSeconds = Math.max(1, Math.ceil((Date.parse(oldestInWindow) + HOUR_MS - now.getTime()) / 1000));
  throw identityError('IDENTITY.OTP_RATE_LIMITED', `Too many codes requested for ${what}; try again later`, { retryAfterSeconds });
}
