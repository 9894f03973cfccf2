import type { UserEvent } from '../../domain/user.events';
import { evolveUser, initialUserState, UserState } from '../../domain/user.state';
import { decideLogout } from '../log-out/log-out.decide';
import { decideResetCompletion, decideResetRequest } from '../reset-password/reset-password.decide';
import { decideRefresh } from './refresh-session.decide';

const t0 = new Date('2026-01-01T00:00:00Z');
const later = new Date('2026-01-02T00:00:00Z');
const registered: UserEvent = {
  type: 'UserRegistered',
  data: { userId: 'u1', emailHash: 'eh', email: { kid: 'k', iv: 'i', ct: 'c' }, phone: null, phoneHash: null, passwordHash: 'old', roles: ['voter'], registeredAt: t0.toISOString() },
};
const started: UserEvent = { type: 'SessionStarted', data: { sessionId: 's1', refreshHash: 'h1', method: 'password', startedAt: t0.toISOString(), expiresAt: '2026-02-01T00:00:00.000Z' } };
const fold = (events: readonly UserEvent[], state: UserState = initialUserState()): UserState => events.reduce(evolveUser, state);

describe('session decisions', () => {
  it('rotates the refresh token, and a spent one revokes the session', () => {
    const state = fold([registered, started]);
    const rotated = decideRefresh(state, { sessionId: 's1', presentedHash: 'h1', nextHash: 'h2', now: t0, expiresAt: later });
    expect(rotated).toEqual([{ type: 'SessionRefreshed', data: { sessionId: 's1', previousHash: 'h1', refreshHash: 'h2', at: t0.toISOString(), expiresAt: later.toISOString() } }]);
    const afterRotation = fold(rotated, state);
    const reuse = decideRefresh(afterRotation, { sessionId: 's1', presentedHash: 'h1', nextHash: 'h3', now: t0, expiresAt: later });
    expect(reuse.map((e) => e.type)).toEqual(['RefreshTokenReused', 'SessionRevoked']);
    const revoked = fold(reuse, afterRotation);
    expect(() => decideRefresh(revoked, { sessionId: 's1', presentedHash: 'h2', nextHash: 'h4', now: t0, expiresAt: later })).toThrow(
      expect.objectContaining({ code: 'IDENTITY.INVALID_REFRESH_TOKEN' }),
    );
  });

  it('logs out once', () => {
    const state = fold([registered, started]);
    const out = decideLogout(state, 's1', t0);
    expect(out).toEqual([{ type: 'SessionRevoked', data: { sessionId: 's1', reason: 'logout', at: t0.toISOString() } }]);
    expect(decideLogout(fold(out, state), 's1', t0)).toEqual([]);
  });

  it('completes a reset once, before it expires, revoking every session', () => {
    const state = fold([registered, started]);
    const requested = decideResetRequest(state, { resetId: 'r1', tokenHash: 'th', now: t0, ttlSeconds: 1800, delivery: null });
    const withReset = fold(requested, state);
    const done = decideResetCompletion(withReset, { tokenHash: 'th', newPasswordHash: 'new', now: new Date(t0.getTime() + 60_000) });
    expect(done.map((e) => e.type)).toEqual(['PasswordChanged', 'PasswordResetCompleted', 'SessionRevoked']);
    expect(() => decideResetCompletion(fold(done, withReset), { tokenHash: 'th', newPasswordHash: 'x', now: t0 })).toThrow(expect.objectContaining({ code: 'IDENTITY.RESET_TOKEN_INVALID' }));
    expect(() => decideResetCompletion(withReset, { tokenHash: 'th', newPasswordHash: 'x', now: new Date(t0.getTime() + 1_800_000) })).toThrow(
      expect.objectContaining({ code: 'IDENTITY.RESET_TOKEN_INVALID' }),
    );
  });
});
