import { decideClaim, decideRelease, identifierClaimDecider } from './identifier-claim';

const now = new Date('2026-01-01T00:10:00Z');

describe('identifier claims', () => {
  it('lets the first claim win, is idempotent for its owner, and refuses others', () => {
    const first = decideClaim(identifierClaimDecider.initialState(), { kind: 'email', userId: 'a', now, holderExists: true, orphanAfterMs: 60_000 });
    const state = first.reduce(identifierClaimDecider.evolve, identifierClaimDecider.initialState());
    expect(decideClaim(state, { kind: 'email', userId: 'a', now, holderExists: true, orphanAfterMs: 60_000 })).toEqual([]);
    expect(() => decideClaim(state, { kind: 'email', userId: 'b', now, holderExists: true, orphanAfterMs: 60_000 })).toThrow(expect.objectContaining({ code: 'IDENTITY.EMAIL_TAKEN' }));
  });

  it('takes over a stale claim whose user never appeared, and frees a released one', () => {
    const state = { userId: 'a', claimedAt: '2026-01-01T00:00:00.000Z' };
    expect(decideClaim(state, { kind: 'phone', userId: 'b', now, holderExists: false, orphanAfterMs: 60_000 })).toHaveLength(1);
    expect(() => decideClaim(state, { kind: 'phone', userId: 'b', now: new Date('2026-01-01T00:00:30Z'), holderExists: false, orphanAfterMs: 60_000 })).toThrow(
      expect.objectContaining({ code: 'IDENTITY.PHONE_TAKEN' }),
    );
    const released = decideRelease(state, 'phone', 'a', now).reduce(identifierClaimDecider.evolve, state);
    expect(released.userId).toBeNull();
  });
});
