import fc from 'fast-check';
import { BucketLeases } from './bucket-leases';

const WINDOW_MS = 60_000;

/** One process counting a request against a shared bucket the way BucketLimiter does (the shared count is Redis's INCRBY). */
function request(leases: BucketLeases, shared: { count: number }, limit: number, nowMs: number): boolean {
  const leased = leases.take('b', limit, nowMs);
  if (leased) return leased.allowed;
  const points = leases.sizeFor('b', limit, nowMs);
  shared.count += points;
  return leases.counted('b', limit, points, shared.count, WINDOW_MS, nowMs).allowed;
}

describe('BucketLeases', () => {
  it('counts a bucket it knows nothing of one point at a time, then leases a 32nd of what is left, at most maxLease', () => {
    const leases = new BucketLeases(50);
    expect(leases.sizeFor('b', 3600, 0)).toBe(1);
    expect(leases.counted('b', 3600, 1, 1, WINDOW_MS, 0)).toEqual({ allowed: true, limit: 3600, remaining: 3599, resetMs: WINDOW_MS });
    expect(leases.sizeFor('b', 3600, 1)).toBe(50);
    expect(leases.sizeFor('b', 1000, 1)).toBe(1); // another limit: what was known is void
    const small = new BucketLeases(50);
    small.counted('b', 1000, 1, 1, WINDOW_MS, 0);
    expect(small.sizeFor('b', 1000, 1)).toBe(31);
    // The last 64 points are counted one request at a time.
    small.counted('b', 1000, 1, 937, WINDOW_MS, 0);
    expect(small.sizeFor('b', 1000, 1)).toBe(1);
  });

  it('hands out the leased points with the remaining count going down, then has none', () => {
    const leases = new BucketLeases(4);
    leases.counted('b', 1000, 1, 10, WINDOW_MS, 0);
    // Four points taken: the counting request uses one, three are left.
    expect(leases.counted('b', 1000, 4, 14, WINDOW_MS, 100)).toEqual({ allowed: true, limit: 1000, remaining: 989, resetMs: WINDOW_MS });
    expect(leases.unused('b', 1000, 200)).toBe(3);
    expect([1, 2, 3].map(() => leases.take('b', 1000, 200)?.remaining)).toEqual([988, 987, 986]);
    expect(leases.take('b', 1000, 200)).toBeNull();
    expect(leases.take('b', 1000, 200)).toBeNull();
  });

  it('keeps only what the bucket had left when it filled meanwhile, and refuses when it had nothing', () => {
    const leases = new BucketLeases(50);
    // Ten asked, the bucket was at 96 of 100: four granted (one for this request, three leased).
    expect(leases.counted('b', 100, 10, 106, WINDOW_MS, 0)).toMatchObject({ allowed: true, remaining: 3 });
    expect([1, 2, 3, 4].map(() => leases.take('b', 100, 1)?.remaining ?? 'none')).toEqual([2, 1, 0, 'none']);
    const full = new BucketLeases(50);
    expect(full.counted('b', 100, 10, 115, WINDOW_MS, 0)).toEqual({ allowed: false, limit: 100, remaining: 0, resetMs: WINDOW_MS });
    expect(full.take('b', 100, 1)).toBeNull();
  });

  it('voids a lease when the window ends or the limit changes', () => {
    const leases = new BucketLeases(50);
    leases.counted('b', 5000, 40, 40, 1000, 0);
    expect(leases.take('b', 5000, 999)).toMatchObject({ allowed: true, resetMs: 1 });
    expect(leases.take('b', 5000, 1000)).toBeNull();
    leases.counted('b', 5000, 40, 40, 60_000, 2000);
    expect(leases.take('b', 6000, 2001)).toBeNull();
    expect(leases.unused('b', 5000, 2001)).toBe(0);
  });

  it('never leases with maxLease 1', () => {
    const leases = new BucketLeases(1);
    leases.counted('b', 1_000_000, 1, 1, WINDOW_MS, 0);
    expect(leases.sizeFor('b', 1_000_000, 1)).toBe(1);
    expect(leases.take('b', 1_000_000, 1)).toBeNull();
  });

  it('never lets more than the limit through however processes interleave, and lets it all through when every process keeps asking', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 4 }), fc.array(fc.nat(), { minLength: 1, maxLength: 4000 }), (limit, processes, arrivals) => {
        const shared = { count: 0 };
        const leases = Array.from({ length: processes }, () => new BucketLeases(50));
        let allowed = 0;
        for (const arrival of arrivals) if (request(leases[arrival % processes], shared, limit, 1)) allowed++;
        expect(allowed).toBeLessThanOrEqual(limit);
        // Then every process asks until it is refused: the points leased and not used so far are used too.
        for (const process of leases) while (request(process, shared, limit, 1)) allowed++;
        expect(allowed).toBe(limit);
      }),
      { numRuns: 300, seed: 13 },
    );
  });
});
