import fc from 'fast-check';
import { BucketLeases } from './bucket-leases';

const WINDOW_MS = 60_000;

/** A process of the property test: its leases and the top-up it sent ahead whose answer it has not read yet. */
interface Process {
  leases: BucketLeases;
  ahead: { points: number; consumed: number } | null;
}

/**
 * One process counting a request against a shared bucket the way BucketLimiter does (the shared
 * count is Redis's INCRBY): from its lease, topping it up ahead when it runs low (counted in the
 * bucket at once, its answer read only at this process's next request, after other processes'
 * requests), else counted itself.
 */
function request(process: Process, shared: { count: number }, limit: number, nowMs: number): boolean {
  const { leases } = process;
  if (process.ahead) {
    leases.refilled('b', limit, process.ahead.points, process.ahead.consumed, WINDOW_MS, nowMs);
    process.ahead = null;
  }
  const leased = leases.take('b', limit, nowMs);
  if (leased) {
    const points = leases.refillSize('b', limit, nowMs);
    if (points > 0) {
      shared.count += points;
      process.ahead = { points, consumed: shared.count };
    }
    return leased.allowed;
  }
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

  it('tops a lease up ahead once it is down to a quarter of its points, one top-up at a time, never near the limit', () => {
    const leases = new BucketLeases(40);
    leases.counted('b', 100_000, 1, 1, WINDOW_MS, 0);
    // A lease of 40: the counting request takes one, 39 left; topped up at 10 left.
    leases.counted('b', 100_000, 40, 41, WINDOW_MS, 10);
    const remaining: number[] = [];
    while (leases.refillSize('b', 100_000, 20) === 0) remaining.push(leases.take('b', 100_000, 20)!.remaining);
    expect(remaining).toHaveLength(29);
    expect(leases.unused('b', 100_000, 20)).toBe(10);
    expect(leases.refillSize('b', 100_000, 20)).toBe(40);
    // While the top-up is in flight, no second one.
    let answer: () => void = () => undefined;
    leases.counting('b', new Promise<void>((resolve) => (answer = resolve)));
    expect(leases.refillSize('b', 100_000, 20)).toBe(0);
    answer();
    // Its 40 points all go to the lease (no request takes one), and the remaining count goes on down.
    leases.refilled('b', 100_000, 40, 81, WINDOW_MS, 20);
    expect(leases.unused('b', 100_000, 21)).toBe(50);
    expect(leases.take('b', 100_000, 21)?.remaining).toBe(100_000 - 32);
    // Near the limit there is nothing to lease ahead: the last 64 points are counted one by one.
    const tight = new BucketLeases(40);
    tight.counted('b', 200, 3, 103, WINDOW_MS, 0);
    tight.take('b', 200, 1);
    expect(tight.refillSize('b', 200, 1)).toBe(3);
    // Other processes took the bucket to 157 meanwhile: this top-up brings it to 160, 40 left.
    tight.refilled('b', 200, 3, 160, WINDOW_MS, 1);
    for (let i = 0; i < 3; i++) tight.take('b', 200, 2);
    expect(tight.unused('b', 200, 2)).toBe(1);
    expect(tight.refillSize('b', 200, 2)).toBe(0);
    expect(new BucketLeases(1).refillSize('b', 100_000, 0)).toBe(0);
  });

  it('never lets more than the limit through however processes interleave, and lets it all through when every process keeps asking', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 4 }), fc.array(fc.nat(), { minLength: 1, maxLength: 4000 }), (limit, processes, arrivals) => {
        const shared = { count: 0 };
        const all: Process[] = Array.from({ length: processes }, () => ({ leases: new BucketLeases(50), ahead: null }));
        let allowed = 0;
        for (const arrival of arrivals) if (request(all[arrival % processes], shared, limit, 1)) allowed++;
        expect(allowed).toBeLessThanOrEqual(limit);
        // Then every process asks until it is refused: the points leased (or topped up ahead) and not used so far are used too.
        for (const process of all) while (request(process, shared, limit, 1)) allowed++;
        expect(allowed).toBe(limit);
      }),
      { numRuns: 300, seed: 13 },
    );
  });
});
