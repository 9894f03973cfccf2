import type { LoginPolicy } from '../../identity.config';
import { identityError } from '../../identity.errors';
import { IpLockedOut, LoginFailedFromIp, LoginIpState } from '../../domain/login-ip';
import { countSince } from '../../domain/otp.state';
import type { LoginFailed, LoginLockedOut, SessionMethod, SessionStarted } from '../../domain/user.events';
import type { UserState } from '../../domain/user.state';

export interface NewSession {
  sessionId: string;
  refreshHash: string;
  method: SessionMethod;
  expiresAt: Date;
}

export interface LoginAttempt {
  /** Whether the password matched `passwordHashChecked` (bcrypt runs before the pure decision). */
  passwordOk: boolean;
  passwordHashChecked: string | null;
  session: NewSession;
  now: Date;
  policy: LoginPolicy;
}

export type LoginEvent = SessionStarted | LoginFailed | LoginLockedOut;

/**
 * A locked account is refused even with the right password; a wrong password is recorded and
 * the failure that reaches the limit also locks the account. The caller reads the outcome
 * from the events (SessionStarted or LoginFailed).
 */
export function decideLogin(state: UserState, attempt: LoginAttempt): LoginEvent[] {
  const { now, policy } = attempt;
  if (state.status === 'none' || state.status === 'erased') throw identityError('IDENTITY.INVALID_CREDENTIALS', 'Invalid email or password');
  assertNotLocked(state.lockedUntil, now, 'IDENTITY.LOGIN_LOCKED');
  // The hash checked must still be the current one: a concurrent password change wins.
  const passwordOk = attempt.passwordOk && attempt.passwordHashChecked === state.passwordHash;
  if (!passwordOk) {
    const at = now.toISOString();
    const failuresInWindow = countSince(state.loginFailures, new Date(now.getTime() - policy.windowSeconds * 1000)) + 1;
    const events: LoginEvent[] = [{ type: 'LoginFailed', data: { at, failuresInWindow } }];
    if (failuresInWindow >= policy.maxFailuresPerAccount) {
      events.push({ type: 'LoginLockedOut', data: { at, until: new Date(now.getTime() + policy.lockoutSeconds * 1000).toISOString() } });
    }
    return events;
  }
  if (state.status === 'blocked') throw identityError('IDENTITY.USER_BLOCKED', 'This account is blocked');
  return [startSession(attempt.session, now)];
}

export function startSession(session: NewSession, now: Date): SessionStarted {
  return {
    type: 'SessionStarted',
    data: {
      sessionId: session.sessionId,
      refreshHash: session.refreshHash,
      method: session.method,
      startedAt: now.toISOString(),
      expiresAt: session.expiresAt.toISOString(),
    },
  };
}

/** Per-IP: refuse while locked; otherwise record one failure (locking at the limit). */
export function decideIpFailure(state: LoginIpState, now: Date, policy: LoginPolicy): (LoginFailedFromIp | IpLockedOut)[] {
  if (state.lockedUntil && state.lockedUntil > now.toISOString()) return [];
  const at = now.toISOString();
  const failuresInWindow = countSince(state.failures, new Date(now.getTime() - policy.windowSeconds * 1000)) + 1;
  const events: (LoginFailedFromIp | IpLockedOut)[] = [{ type: 'LoginFailedFromIp', data: { at, failuresInWindow } }];
  if (failuresInWindow >= policy.maxFailuresPerIp) {
    events.push({ type: 'IpLockedOut', data: { at, until: new Date(now.getTime() + policy.lockoutSeconds * 1000).toISOString() } });
  }
  return events;
}

export function assertNotLocked(lockedUntil: string | null, now: Date, code: 'IDENTITY.LOGIN_LOCKED' | 'IDENTITY.OTP_LOCKED'): void {
  if (!lockedUntil || lockedUntil <= now.toISOString()) return;
  const retryAfterSeconds = Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 1000);
  const what = code === 'IDENTITY.LOGIN_LOCKED' ? 'Too many failed logins' : 'Too many wrong codes';
  throw identityError(code, `${what}; try again in ${retryAfterSeconds} s`, { retryAfterSeconds, lockedUntil });
}
