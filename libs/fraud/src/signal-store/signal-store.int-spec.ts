import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { MemorySignalStore } from './memory-signal.store';
import { RedisSignalStore } from './redis-signal.store';
import { IP_WINDOW_MS, SignalStore, VoteObservation } from './signal-store.port';

/**
 * The two signal stores hold the same counts: the Redis script (real Redis on 127.0.0.1) and the
 * in-process maps of the embedded mode run one contract, including 50 concurrent observations.
 */
const redis = new Redis('redis://127.0.0.1:6379/0', { lazyConnect: true, maxRetriesPerRequest: 1 });
const stores: [string, () => SignalStore][] = [
  ['Redis', () => new RedisSignalStore(redis, `t${randomUUID().slice(0, 8)}:`)],
  ['in-process', () => new MemorySignalStore()],
];

afterAll(() => redis.quit());

describe.each(stores)('%s signal store', (_name, make) => {
  const t0 = Date.parse('2026-03-01T20:00:00Z');
  const vote = (userId: string, over: Partial<VoteObservation> = {}): VoteObservation => ({
    tenantId: 'demo',
    userId,
    observationId: randomUUID(),
    ip: '81.2.69.160',
    deviceHash: null,
    phonePrefix: null,
    location: null,
    nowMs: t0,
    ...over,
  });

  it('counts votes and accounts per address within the window only', async () => {
    const store = make();
    await store.observe(vote('a'));
    await store.observe(vote('b', { nowMs: t0 + 1000 }));
    const third = await store.observe(vote('a', { nowMs: t0 + 2000 }));
    expect(third).toMatchObject({ ipVotes: 3, ipAccounts: 2, clusterSize: 2 });
    const later = await store.observe(vote('c', { nowMs: t0 + IP_WINDOW_MS + 1500 }));
    expect(later).toMatchObject({ ipVotes: 2, ipAccounts: 2 });
    expect((await store.observe(vote('d', { ip: null, nowMs: t0 + 3000 }))).ipVotes).toBe(0);
  });

  it('links accounts through a shared device and counts devices per account', async () => {
    const store = make();
    await store.observe(vote('a', { ip: null, deviceHash: 'dev-1' }));
    await store.observe(vote('b', { ip: null, deviceHash: 'dev-1' }));
    const seen = await store.observe(vote('b', { ip: '81.2.69.161', deviceHash: 'dev-2' }));
    expect(seen).toMatchObject({ deviceAccounts: 1, accountDevices: 2, clusterSize: 1 });
    const shared = await store.observe(vote('c', { ip: '81.2.69.161', deviceHash: 'dev-1' }));
    // c shares dev-1 with a and b, and the address with b: a cluster of three.
    expect(shared).toMatchObject({ deviceAccounts: 3, accountDevices: 1, clusterSize: 3 });
  });

  it('keeps each account’s last vote times and place, and the accounts per phone prefix', async () => {
    const store = make();
    const london = { latitude: 51.5, longitude: -0.09, country: 'GB' };
    for (let i = 0; i < 12; i++) await store.observe(vote('a', { nowMs: t0 + i * 1000, location: london, phonePrefix: '+44740012' }));
    const seen = await store.observe(vote('b', { nowMs: t0 + 20_000, phonePrefix: '+44740012' }));
    expect(seen.prefixAccounts).toBe(2);
    const a = await store.observe(vote('a', { nowMs: t0 + 30_000, location: london }));
    expect(a.recentVoteTimesMs).toHaveLength(10);
    expect(a.recentVoteTimesMs.at(-1)).toBe(t0 + 30_000);
    expect(a.recentVoteTimesMs[0]).toBe(t0 + 3000);
    expect(a.previousLocation).toEqual({ ...london, latitude: expect.closeTo(51.5, 5), longitude: expect.closeTo(-0.09, 5), atMs: t0 + 11_000 });
  });

  it('peeks as if the vote were recorded, recording nothing', async () => {
    const store = make();
    await store.observe(vote('a', { deviceHash: 'dev-1', phonePrefix: '+44740012' }));
    await store.observe(vote('c', { ip: '81.2.69.170', deviceHash: 'dev-1' }));
    const peeked = await store.peek(vote('b', { nowMs: t0 + 500, deviceHash: 'dev-1', phonePrefix: '+44740012' }));
    expect(peeked).toMatchObject({ ipVotes: 2, ipAccounts: 2, deviceAccounts: 3, accountDevices: 1, clusterSize: 3, prefixAccounts: 2, recentVoteTimesMs: [t0 + 500] });
    const again = await store.peek(vote('b', { nowMs: t0 + 600, deviceHash: 'dev-1', phonePrefix: '+44740012' }));
    expect(again).toMatchObject({ ipVotes: 2, deviceAccounts: 3, clusterSize: 3, recentVoteTimesMs: [t0 + 600] });
    // a, already on the address and the device, is counted once
    expect((await store.peek(vote('a', { nowMs: t0 + 700, deviceHash: 'dev-1' }))).clusterSize).toBe(2);
  });

  it('counts each of 50 concurrent votes from one address exactly once', async () => {
    const store = make();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => Promise.resolve(store.observe(vote(`u${i % 10}`, { nowMs: t0 + i })))));
    expect(results.map((r) => r.ipVotes).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(Math.max(...results.map((r) => r.ipAccounts))).toBe(10);
  });
});

describe('Redis signal store batching', () => {
  it('applies the votes of one event-loop turn in one script call, in arrival order, each seeing those before it', async () => {
    const store = new RedisSignalStore(redis, `t${randomUUID().slice(0, 8)}:`);
    const calls = jest.spyOn(redis as unknown as { fraudObserve: (...args: unknown[]) => Promise<unknown> }, 'fraudObserve');
    const vote = (userId: string, nowMs: number): VoteObservation => ({ tenantId: 'demo', userId, observationId: randomUUID(), ip: '81.2.69.180', deviceHash: null, phonePrefix: null, location: null, nowMs });
    const t0 = Date.parse('2026-03-01T21:00:00Z');
    // 100 votes (two scripts of at most 64) with a peek after the 30th: it sees 30 recorded votes plus itself.
    const answers = await Promise.all([
      ...Array.from({ length: 30 }, (_, i) => store.observe(vote(`u${i % 5}`, t0 + i))),
      store.peek(vote('p', t0 + 30)),
      ...Array.from({ length: 70 }, (_, i) => store.observe(vote(`u${i % 5}`, t0 + 31 + i))),
    ]);
    expect(calls).toHaveBeenCalledTimes(2);
    calls.mockRestore();
    expect(answers.map((a) => a.ipVotes)).toEqual([...Array.from({ length: 30 }, (_, i) => i + 1), 31, ...Array.from({ length: 70 }, (_, i) => i + 31)]);
    expect(answers[30]).toMatchObject({ ipAccounts: 6, recentVoteTimesMs: [t0 + 30] });
    expect(answers[99].recentVoteTimesMs).toHaveLength(10);
  });
});
