import { rateLimitHeaders, resetSeconds } from './rate-limit-headers';

describe('RateLimit headers', () => {
  it('lists every policy checked, the most constrained first, as the draft spells them', () => {
    const headers = rateLimitHeaders([
      { name: 'ip-requests-per-minute', windowSeconds: 60, state: { allowed: true, limit: 1200, remaining: 1100, resetMs: 30_500 } },
      { name: 'user-votes-per-hour', windowSeconds: 3600, state: { allowed: true, limit: 10, remaining: 2, resetMs: 1_200_000 } },
    ]);
    expect(headers.policy).toBe('"user-votes-per-hour";q=10;w=3600, "ip-requests-per-minute";q=1200;w=60');
    expect(headers.limit).toBe('"user-votes-per-hour";r=2;t=1200, "ip-requests-per-minute";r=1100;t=31');
  });

  it('never tells a client to retry in 0 seconds', () => {
    expect(resetSeconds({ allowed: false, limit: 1, remaining: 0, resetMs: 3 })).toBe(1);
    expect(resetSeconds({ allowed: false, limit: 1, remaining: 0, resetMs: 0 })).toBe(1);
  });
});
