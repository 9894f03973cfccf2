import { DomainError, ProblemCatalog } from '@tally/platform';

export type IdentityErrorCode =
  | 'IDENTITY.UNAUTHENTICATED'
  | 'IDENTITY.FORBIDDEN'
  | 'IDENTITY.INVALID_CREDENTIALS'
  | 'IDENTITY.LOGIN_LOCKED'
  | 'IDENTITY.EMAIL_TAKEN'
  | 'IDENTITY.PHONE_TAKEN'
  | 'IDENTITY.WEAK_PASSWORD'
  | 'IDENTITY.INVALID_PHONE'
  | 'IDENTITY.INVALID_REFRESH_TOKEN'
  | 'IDENTITY.REFRESH_TOKEN_REUSED'
  | 'IDENTITY.OTP_INVALID'
  | 'IDENTITY.OTP_EXPIRED'
  | 'IDENTITY.OTP_LOCKED'
  | 'IDENTITY.OTP_RATE_LIMITED'
  | 'IDENTITY.RESET_TOKEN_INVALID'
  | 'IDENTITY.USER_NOT_FOUND'
  | 'IDENTITY.USER_BLOCKED'
  | 'IDENTITY.ROLE_NOT_GRANTABLE';

ProblemCatalog.register<IdentityErrorCode>({
  'IDENTITY.UNAUTHENTICATED': { status: 401, slug: 'unauthenticated', title: 'Authentication required' },
  'IDENTITY.FORBIDDEN': { status: 403, slug: 'forbidden', title: 'Not allowed' },
  'IDENTITY.INVALID_CREDENTIALS': { status: 401, slug: 'invalid-credentials', title: 'Invalid email or password' },
  'IDENTITY.LOGIN_LOCKED': { status: 429, slug: 'login-locked', title: 'Too many failed logins' },
  'IDENTITY.EMAIL_TAKEN': { status: 409, slug: 'email-taken', title: 'Email already registered' },
  'IDENTITY.PHONE_TAKEN': { status: 409, slug: 'phone-taken', title: 'Phone number already verified by another account' },
  'IDENTITY.WEAK_PASSWORD': { status: 422, slug: 'weak-password', title: 'Password refused' },
  'IDENTITY.INVALID_PHONE': { status: 422, slug: 'invalid-phone', title: 'Invalid phone number' },
  'IDENTITY.INVALID_REFRESH_TOKEN': { status: 401, slug: 'invalid-refresh-token', title: 'Invalid refresh token' },
  'IDENTITY.REFRESH_TOKEN_REUSED': { status: 401, slug: 'refresh-token-reused', title: 'Refresh token reused; session revoked' },
  'IDENTITY.OTP_INVALID': { status: 401, slug: 'otp-invalid', title: 'Invalid code' },
  'IDENTITY.OTP_EXPIRED': { status: 401, slug: 'otp-expired', title: 'Code expired' },
  'IDENTITY.OTP_LOCKED': { status: 429, slug: 'otp-locked', title: 'Too many wrong codes' },
  'IDENTITY.OTP_RATE_LIMITED': { status: 429, slug: 'otp-rate-limited', title: 'Too many codes requested' },
  'IDENTITY.RESET_TOKEN_INVALID': { status: 422, slug: 'reset-token-invalid', title: 'Invalid or expired reset token' },
  'IDENTITY.USER_NOT_FOUND': { status: 404, slug: 'user-not-found', title: 'Unknown user' },
  'IDENTITY.USER_BLOCKED': { status: 403, slug: 'user-blocked', title: 'Account blocked' },
  'IDENTITY.ROLE_NOT_GRANTABLE': { status: 403, slug: 'role-not-grantable', title: 'Role cannot be granted by this caller' },
});

export function identityError(code: IdentityErrorCode, message: string, details: Record<string, unknown> = {}): DomainError<IdentityErrorCode> {
  return new DomainError(code, message, details);
}
