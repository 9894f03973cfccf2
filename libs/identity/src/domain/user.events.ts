import type { DomainEvent } from '@tally/eventstore';
import type { Role } from '@tally/platform';
import type { Envelope } from './pii';

/**
 * Events of `user-<tenant>.<userId>`. Personal data travels only inside envelopes sealed with
 * the user's own key; lookups use keyed hashes. Times are ISO-8601 UTC.
 */
export type UserRegistered = DomainEvent<
  'UserRegistered',
  {
    userId: string;
    emailHash: string;
    email: Envelope;
    phone: Envelope | null;
    phoneHash: string | null;
    passwordHash: string;
    roles: Role[];
    registeredAt: string;
  }
>;
export type LoginFailed = DomainEvent<'LoginFailed', { at: string; failuresInWindow: number }>;
export type LoginLockedOut = DomainEvent<'LoginLockedOut', { at: string; until: string }>;
export type SessionMethod = 'password' | 'otp';
export type SessionStarted = DomainEvent<
  'SessionStarted',
  { sessionId: string; refreshHash: string; method: SessionMethod; startedAt: string; expiresAt: string }
>;
export type SessionRefreshed = DomainEvent<
  'SessionRefreshed',
  { sessionId: string; previousHash: string; refreshHash: string; at: string; expiresAt: string }
>;
export type RefreshTokenReused = DomainEvent<'RefreshTokenReused', { sessionId: string; at: string }>;
export type SessionRevokeReason = 'logout' | 'refresh_reuse' | 'password_changed' | 'password_reset' | 'blocked' | 'erased';
export type SessionRevoked = DomainEvent<'SessionRevoked', { sessionId: string; reason: SessionRevokeReason; at: string }>;
export type PasswordChanged = DomainEvent<'PasswordChanged', { passwordHash: string; reason: 'reset' | 'change'; at: string }>;
export type PasswordResetRequested = DomainEvent<
  'PasswordResetRequested',
  {
    resetId: string;
    tokenHash: string;
    requestedAt: string;
    expiresAt: string;
    /** Where the notifier sends the token; null when the token was handed out directly (after an OTP). */
    delivery: { channel: 'email'; to: Envelope; token: Envelope } | null;
  }
>;
export type PasswordResetCompleted = DomainEvent<'PasswordResetCompleted', { resetId: string; at: string }>;
export type PhoneNumberType = 'MOBILE' | 'FIXED_LINE' | 'FIXED_LINE_OR_MOBILE' | 'VOIP' | 'TOLL_FREE' | 'PREMIUM_RATE' | 'SHARED_COST' | 'PERSONAL_NUMBER' | 'PAGER' | 'UAN' | 'VOICEMAIL' | 'UNKNOWN';
export type PhoneVerified = DomainEvent<
  'PhoneVerified',
  { otpId: string | null; phone: Envelope; phoneHash: string; numberType: PhoneNumberType; countryCode: string; verifiedAt: string }
>;
export type RolesChanged = DomainEvent<'RolesChanged', { roles: Role[]; at: string }>;
export type BlockReason = 'fraud' | 'abuse' | 'chargeback' | 'other';
export type UserBlocked = DomainEvent<'UserBlocked', { reason: BlockReason; at: string }>;
export type UserUnblocked = DomainEvent<'UserUnblocked', { at: string }>;
/** The subject key is gone: envelopes of this user are unreadable from here on. */
export type SubjectErased = DomainEvent<'SubjectErased', { userId: string; at: string }>;

export type UserEvent =
  | UserRegistered
  | LoginFailed
  | LoginLockedOut
  | SessionStarted
  | SessionRefreshed
  | RefreshTokenReused
  | SessionRevoked
  | PasswordChanged
  | PasswordResetRequested
  | PasswordResetCompleted
  | PhoneVerified
  | RolesChanged
  | UserBlocked
  | UserUnblocked
  | SubjectErased;

export const USER_EVENT_TYPES: readonly UserEvent['type'][] = [
  'UserRegistered',
  'LoginFailed',
  'LoginLockedOut',
  'SessionStarted',
  'SessionRefreshed',
  'RefreshTokenReused',
  'SessionRevoked',
  'PasswordChanged',
  'PasswordResetRequested',
  'PasswordResetCompleted',
  'PhoneVerified',
  'RolesChanged',
  'UserBlocked',
  'UserUnblocked',
  'SubjectErased',
];
