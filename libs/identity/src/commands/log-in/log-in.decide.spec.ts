import type { LoginPolicy } from '../../identity.config';
import type { UserEvent } from '../../domain/user.events';
import { evolveUser, initialUserState, UserState } from '../../domain/user.state';
import { decideSignUp } from '../sign-up/sign-up.decide';
import { loginIpDecider } from '../../domain/login-ip';
import { decideIpFailure, decideLogin, LoginAttempt } from './log-in.decide';

const policy: LoginPolicy = { maxFailuresPerAccount: 3, maxFailuresPerIp: 10, windowSeconds: 900, lockoutSeconds: 900 };
const t0 = new Date('2026-01-01T00:00:00Z');
const session = { sessionId: 's1', refreshHash: 'h', method: 'password' as const, expiresAt: new Date('2026-02-01T00:00:00Z') };
const fold = (events: readonly UserEvent[], state: UserState = initialUserState()): UserState => events.reduce(evolveUser, state);
const attempt = (passwordOk: boolean, now: Date, passwordHashChecked = 'ph'): LoginAttempt => ({ passwordOk, passwordHashChecked, session, now, policy });

describe('login decisions', () => {
  const registered = fold(
    decideSignUp(initialUserState(), { userId: 'u1', emailHash: 'eh', email: { kid: 'k', iv: 'i', ct: 'c' }, phone: null, phoneHash: null, passwordHash: 'ph', roles: ['voter'], now: t0 }),
  );

  it('starts a session on the right password', () => {
    expect(decideLogin(registered, attempt(true, t0))[0]).toMatchObject({ type: 'SessionStarted', data: { sessionId: 's1' } });
  });

  it('locks the account at the limit, refuses even the right password while locked, and lifts afterwards', () => {
    let state = registered;
    for (let i = 1; i <= 3; i++) {
      const events = decideLogin(state, attempt(false, new Date(t0.getTime() + i)));
      expect(events.map((e) => e.type)).toEqual(i < 3 ? ['LoginFailed'] : ['LoginFailed', 'LoginLockedOut']);
      state = fold(events, state);
    }
    expect(() => decideLogin(state, attempt(true, new Date(t0.getTime() + 10)))).toThrow(expect.objectContaining({ code: 'IDENTITY.LOGIN_LOCKED' }));
    expect(decideLogin(state, attempt(true, new Date(t0.getTime() + 900_010)))[0].type).toBe('SessionStarted');
  });

  it('treats a password checked against a stale hash as wrong', () => {
    expect(decideLogin(registered, attempt(true, t0, 'older-hash'))[0].type).toBe('LoginFailed');
  });

  it('refuses unknown and erased users as invalid credentials', () => {
    expect(() => decideLogin(initialUserState(), attempt(true, t0))).toThrow(expect.objectContaining({ code: 'IDENTITY.INVALID_CREDENTIALS' }));
    const erased = fold([{ type: 'SubjectErased', data: { userId: 'u1', at: t0.toISOString() } }], registered);
    expect(() => decideLogin(erased, attempt(true, t0))).toThrow(expect.objectContaining({ code: 'IDENTITY.INVALID_CREDENTIALS' }));
  });

  it('counts failures per client IP and locks it at the limit', () => {
    let state = loginIpDecider.initialState();
    for (let i = 1; i <= 10; i++) {
      const events = decideIpFailure(state, new Date(t0.getTime() + i), policy);
      expect(events.map((e) => e.type)).toEqual(i < 10 ? ['LoginFailedFromIp'] : ['LoginFailedFromIp', 'IpLockedOut']);
      state = events.reduce(loginIpDecider.evolve, state);
    }
    expect(state.lockedUntil).toBe(new Date(t0.getTime() + 10 + 900_000).toISOString());
    expect(decideIpFailure(state, new Date(t0.getTime() + 20), policy)).toEqual([]);
  });
});
