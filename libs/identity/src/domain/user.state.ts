import type { Role } from '@tally/platform';
import type { Envelope } from './pii';
import type { PhoneNumberType, UserEvent } from './user.events';

/** Spent refresh hashes remembered per session, to spot a replayed token. */
const SPENT_KEPT = 64;

export interface SessionState {
  refreshHash: string;
  spent: readonly string[];
  expiresAt: string;
  revoked: boolean;
}

export interface ResetState {
  tokenHash: string;
  expiresAt: string;
  used: boolean;
}

export type UserStatus = 'none' | 'active' | 'blocked' | 'erased';

export interface UserState {
  status: UserStatus;
  userId: string | null;
  emailHash: string | null;
  email: Envelope | null;
  phone: Envelope | null;
  phoneHash: string | null;
  phoneVerified: boolean;
  phoneType: PhoneNumberType | null;
  /** When the phone was verified (fraud scoring weighs young numbers). */
  phoneVerifiedAt: string | null;
  passwordHash: string | null;
  roles: readonly Role[];
  /** Times of failed logins, oldest first (only the recent ones matter). */
  loginFailures: readonly string[];
  lockedUntil: string | null;
  sessions: Readonly<Record<string, SessionState>>;
  resets: Readonly<Record<string, ResetState>>;
}

export const initialUserState = (): UserState => ({
  status: 'none',
  userId: null,
  emailHash: null,
  email: null,
  phone: null,
  phoneHash: null,
  phoneVerified: false,
  phoneType: null,
  phoneVerifiedAt: null,
  passwordHash: null,
  roles: [],
  loginFailures: [],
  lockedUntil: null,
  sessions: {},
  resets: {},
});

export function evolveUser(state: UserState, event: UserEvent): UserState {
  switch (event.type) {
    case 'UserRegistered': {
      const d = event.data;
      return {
        ...state,
        status: 'active',
        userId: d.userId,
        emailHash: d.emailHash,
        email: d.email,
        phone: d.phone,
        phoneHash: d.phoneHash,
        passwordHash: d.passwordHash,
        roles: d.roles,
      };
    }
    case 'LoginFailed':
      return { ...state, loginFailures: [...state.loginFailures.slice(-50), event.data.at] };
    case 'LoginLockedOut':
      return { ...state, lockedUntil: event.data.until, loginFailures: [] };
    case 'SessionStarted': {
      const d = event.data;
      const sessions = pruneSessions(state.sessions, d.startedAt);
      return {
        ...state,
        loginFailures: [],
        sessions: { ...sessions, [d.sessionId]: { refreshHash: d.refreshHash, spent: [], expiresAt: d.expiresAt, revoked: false } },
      };
    }
    case 'SessionRefreshed': {
      const d = event.data;
      const session = state.sessions[d.sessionId];
      if (!session) return state;
      const spent = [...session.spent, d.previousHash].slice(-SPENT_KEPT);
      return { ...state, sessions: { ...state.sessions, [d.sessionId]: { ...session, refreshHash: d.refreshHash, spent, expiresAt: d.expiresAt } } };
    }
    case 'RefreshTokenReused':
      return state;
    case 'SessionRevoked': {
      const session = state.sessions[event.data.sessionId];
      if (!session) return state;
      return { ...state, sessions: { ...state.sessions, [event.data.sessionId]: { ...session, revoked: true } } };
    }
    case 'PasswordChanged':
      return { ...state, passwordHash: event.data.passwordHash, loginFailures: [], lockedUntil: null };
    case 'PasswordResetRequested': {
      const d = event.data;
      const resets = Object.fromEntries(Object.entries(state.resets).filter(([, reset]) => !reset.used && reset.expiresAt > d.requestedAt));
      return { ...state, resets: { ...resets, [d.resetId]: { tokenHash: d.tokenHash, expiresAt: d.expiresAt, used: false } } };
    }
    case 'PasswordResetCompleted': {
      const reset = state.resets[event.data.resetId];
      if (!reset) return state;
      return { ...state, resets: { ...state.resets, [event.data.resetId]: { ...reset, used: true } } };
    }
    case 'PhoneVerified':
      return { ...state, phone: event.data.phone, phoneHash: event.data.phoneHash, phoneVerified: true, phoneType: event.data.numberType, phoneVerifiedAt: event.data.verifiedAt };
    case 'RolesChanged':
      return { ...state, roles: event.data.roles };
    case 'UserBlocked':
      return state.status === 'erased' ? state : { ...state, status: 'blocked' };
    case 'UserUnblocked':
      return state.status === 'erased' ? state : { ...state, status: 'active' };
    case 'SubjectErased':
      return { ...state, status: 'erased', email: null, phone: null, passwordHash: null, resets: {} };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

/** Sessions that ended (revoked or expired) are dropped when a new one starts. */
function pruneSessions(sessions: Readonly<Record<string, SessionState>>, now: string): Record<string, SessionState> {
  return Object.fromEntries(Object.entries(sessions).filter(([, session]) => !session.revoked && session.expiresAt > now));
}

/** Sessions still able to refresh: the ones a "revoke all" must end. */
export function liveSessionIds(state: UserState, now: string): string[] {
  return Object.entries(state.sessions)
    .filter(([, session]) => !session.revoked && session.expiresAt > now)
    .map(([id]) => id);
}
