import fc from 'fast-check';
import { LayeredMap } from './layered-map';
import { IDEMPOTENCY_WINDOW_MS, RecentRequests } from './recent-requests';

describe('LayeredMap', () => {
  it('behaves as an immutable Map (get, has, size, first-insertion order) under any writes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer()), { maxLength: 2_000 }), (writes) => {
        const expected = new Map<number, number>();
        let layered = LayeredMap.empty<number, number>();
        const snapshots: [LayeredMap<number, number>, Map<number, number>][] = [];
        for (const [i, [key, value]] of writes.entries()) {
          layered = layered.with(key, value);
          expected.set(key, value);
          if (i % 397 === 0) snapshots.push([layered, new Map(expected)]);
        }
        expect([...layered]).toEqual([...expected]);
        expect([...layered.keys()]).toEqual([...expected.keys()]);
        expect(layered.size).toBe(expected.size);
        for (const key of [0, 7, 150, 299, 301]) {
          expect(layered.get(key)).toBe(expected.get(key));
          expect(layered.has(key)).toBe(expected.has(key));
        }
        // Older versions are untouched by later writes.
        for (const [old, then] of snapshots) expect([...old]).toEqual([...then]);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps a write cheap: the head layer stays near √n entries', () => {
    let layered = LayeredMap.empty<number, number>();
    for (let i = 0; i < 100_000; i++) layered = layered.with(i, i);
    expect(layered.size).toBe(100_000);
    expect(layered.get(99_999)).toBe(99_999);
    expect(layered.get(0)).toBe(0);
  });
});

describe('RecentRequests', () => {
  const at = (ms: number) => ({ fingerprint: `f${ms}`, atMs: ms, response: ms });

  it('remembers keys for a window after the newest request, then forgets them', () => {
    let requests = RecentRequests.empty<number>();
    requests = requests.remember('a', at(0));
    requests = requests.remember('b', at(IDEMPOTENCY_WINDOW_MS - 1));
    expect(requests.get('a')?.response).toBe(0);
    requests = requests.remember('c', at(IDEMPOTENCY_WINDOW_MS));
    expect(requests.get('a')).toBeUndefined();
    expect(requests.get('b')?.response).toBe(IDEMPOTENCY_WINDOW_MS - 1);
    expect(requests.get('c')?.fingerprint).toBe(`f${IDEMPOTENCY_WINDOW_MS}`);
  });

  it('drops expired keys when its layers fold, so it stays one window large', () => {
    let requests = RecentRequests.empty<number>();
    const step = IDEMPOTENCY_WINDOW_MS / 100;
    for (let i = 0; i < 10_000; i++) requests = requests.remember(`k${i}`, at(i * step));
    const live = Array.from({ length: 10_000 }, (_, i) => requests.get(`k${i}`)).filter(Boolean);
    expect(live).toHaveLength(100);
    expect(requests.get('k9999')?.atMs).toBe(9_999 * step);
    expect((requests as unknown as { byKey: { size: number } }).byKey.size).toBeLessThan(400);
  });
});
