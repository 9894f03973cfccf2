import type { DomainEvent } from '@tally/eventstore';
import type { Envelope } from './pii';

export type OtpPurpose = 'login' | 'phone_verify' | 'password_reset';
export type OtpChannel = 'sms' | 'email';
export const OTP_PURPOSES: readonly OtpPurpose[] = ['login', 'phone_verify', 'password_reset'];
export const OTP_CHANNELS: readonly OtpChannel[] = ['sms', 'email'];

/**
 * Events of `otp-<tenant>.<subjectHash>`, one stream per destination (channel + address).
 * Every request, failure, lockout and success is an event appended with an expected
 * revision, so attempt counts are exact however many requests race.
 */
export type OtpIssued = DomainEvent<
  'OtpIssued',
  {
    otpId: string;
    userId: string;
    purpose: OtpPurpose;
    channel: OtpChannel;
    /** HMAC of the code under a server pepper, salted with the otpId. */
    codeHash: string;
    issuedAt: string;
    expiresAt: string;
    /** For the notifier only: the destination and the code, sealed with the user's key. */
    destination: Envelope;
    code: Envelope;
  }
>;
export type OtpFailureReason = 'wrong_code' | 'expired' | 'used' | 'no_code';
export type OtpVerificationFailed = DomainEvent<
  'OtpVerificationFailed',
  { otpId: string | null; purpose: OtpPurpose; reason: OtpFailureReason; at: string; failuresInWindow: number }
>;
export type OtpLockedOut = DomainEvent<'OtpLockedOut', { at: string; until: string }>;
export type OtpVerified = DomainEvent<'OtpVerified', { otpId: string; userId: string; purpose: OtpPurpose; at: string }>;

export type OtpEvent = OtpIssued | OtpVerificationFailed | OtpLockedOut | OtpVerified;

export const OTP_EVENT_TYPES: readonly OtpEvent['type'][] = ['OtpIssued', 'OtpVerificationFailed', 'OtpLockedOut', 'OtpVerified'];

/** One SMS sent to a number under this prefix (`smsprefix-<tenant>.<digits>`). */
export type SmsPrefixUsed = DomainEvent<'SmsPrefixUsed', { at: string }>;
