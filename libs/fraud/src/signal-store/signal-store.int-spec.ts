import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { eventually } from '../../../eventstore/src/projections/testing/projection-test-kit';
import { MemorySignalStore } from './memory-signal.store';
import { MirroredSignalStore } from './mirrored-signal.store';
import { signalKeys } from './signal-keys';
import { RedisSignalStore } from './redis-signal.store';
import { IP_WINDOW_MS, ObservedSignals, SignalStore, VoteObservation } from './signal-store.port';

/**
 * The three signal stores hold the same counts: the Redis script (real Redis on 127.0.0.1), the
 * mirror of it in a process and the in-process view of the embedded mode run one contract,
 * including 50 concurrent observations.
 */
const redis = new Redis('redis://127.0.0.1:6379/0', { lazyConnect: true, maxRetriesPerRequest: 1 });
const mirrors: MirroredSignalStore[] = [];
const mirror = (prefix: string): MirroredSignalStore => {
  const store = new MirroredSignalStore(redis, { prefix, flushMs: 5, batchMax: 64 });
  mirrors.push(store);
  return store;
};
const stores: [string, () => SignalStore][] = [
  ['Redis', () => new RedisSignalStore(redis, `t${randomUUID().slice(0, 8)}:`)],
  ['mirrored', () => mirror(`t${randomUUID().slice(0, 8)}:`)],
  ['in-process', () => new MemorySignalStore()],
];

afterAll(async () => {
  await Promise.all(mirrors.map((store) => store.close()));
  await redis.quit();
});

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

describe('votes of every shape in one script call', () => {
  // Each vote declares only the keys it uses, so a batch's KEYS have no fixed stride: a script
  // that misread one vote's layout would shift every later vote onto the wrong keys.
  const t0 = Date.parse('2026-03-01T22:00:00Z');
  const london = { latitude: 51.5, longitude: -0.09, country: 'GB' };
  const shapes = Array.from({ length: 16 }, (_, bits) => ({
    ip: bits & 1 ? '81.2.69.170' : null,
    deviceHash: bits & 2 ? 'dev-mixed' : null,
    location: bits & 4 ? london : null,
    phonePrefix: bits & 8 ? '+44740099' : null,
  }));
  // 48 votes by four accounts in time order, every shape three times, then a peek of every shape.
  const votes = [0, 1, 2].flatMap((round) => shapes.map((shape, i) => ({ tenantId: 'demo', userId: `u${(i + round) % 4}`, observationId: randomUUID(), nowMs: t0 + round * 100 + i, ...shape })));
  const probes = shapes.map((shape, i) => ({ tenantId: 'demo', userId: `u${i % 5}`, observationId: randomUUID(), nowMs: t0 + 1_000 + i, ...shape }));
  const expected = (): ObservedSignals[] => {
    const memory = new MemorySignalStore();
    return [...votes.map((v) => memory.observe(v)), ...probes.map((p) => memory.peek(p))];
  };

  it('answers each as the in-process store does (Redis: one OBSERVE_SCRIPT call)', async () => {
    const store = new RedisSignalStore(redis, `t${randomUUID().slice(0, 8)}:`);
    const answers = await Promise.all(votes.map((v) => store.observe(v)));
    const peeks = await Promise.all(probes.map((p) => store.peek(p)));
    expect([...answers, ...peeks]).toEqual(expected());
  });

  it('applies them to the keys as the in-process store does (mirror: one PUBLISH_SCRIPT call)', async () => {
    const prefix = `t${randomUUID().slice(0, 8)}:`;
    const store = mirror(prefix);
    const publish = jest.spyOn(redis as unknown as { fraudPublish: (...args: unknown[]) => Promise<unknown> }, 'fraudPublish');
    await Promise.all(votes.map(async (v) => store.observe(v)));
    // Published within a flush or two (later on a loaded machine); a second call would follow 20 ms after the first.
    await eventually(() => expect(publish).toHaveBeenCalled(), 5_000);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(publish).toHaveBeenCalledTimes(1);
    publish.mockRestore();
    const exact = new RedisSignalStore(redis, prefix);
    expect(await Promise.all(probes.map((p) => exact.peek(p)))).toEqual(expected().slice(votes.length));
  });
});

describe('Mirrored signal store across processes', () => {
  const t0 = Date.now();
  const vote = (userId: string, over: Partial<VoteObservation> = {}): VoteObservation => ({
    tenantId: 'demo',
    userId,
    observationId: randomUUID(),
    ip: '81.2.69.190',
    deviceHash: null,
    phonePrefix: null,
    location: null,
    nowMs: t0,
    ...over,
  });
  /** Polls a peek until it shows what is expected (the feed brings other processes' votes within milliseconds). */
  const peekUntil = async (store: SignalStore, probe: VoteObservation, expected: Partial<ObservedSignals>): Promise<ObservedSignals> => {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const seen = await store.peek(probe);
      if (Object.entries(expected).every(([k, v]) => JSON.stringify(seen[k as keyof ObservedSignals]) === JSON.stringify(v)) || Date.now() > deadline) return seen;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  it('shows each process the votes of the others through the feed, each counted once', async () => {
    const prefix = `t${randomUUID().slice(0, 8)}:`;
    const [a, b] = [mirror(prefix), mirror(prefix)];
    // Both hold the address's keys before the votes (loaded, then kept in step by the feed).
    expect((await b.peek(vote('x'))).ipVotes).toBe(1);
    for (let i = 0; i < 20; i++) await a.observe(vote(`a${i % 4}`, { nowMs: t0 + i, deviceHash: 'dev-shared' }));
    for (let i = 0; i < 10; i++) await b.observe(vote(`b${i % 2}`, { nowMs: t0 + 100 + i, deviceHash: 'dev-shared' }));
    const expected = { ipVotes: 31, ipAccounts: 7, deviceAccounts: 7, clusterSize: 7 };
    expect(await peekUntil(a, vote('x', { nowMs: t0 + 200, deviceHash: 'dev-shared' }), expected)).toMatchObject(expected);
    expect(await peekUntil(b, vote('x', { nowMs: t0 + 200, deviceHash: 'dev-shared' }), expected)).toMatchObject(expected);
    // The account's times merge in time order whichever process saw the vote.
    await b.observe(vote('a1', { nowMs: t0 + 150 }));
    const times = (await peekUntil(a, vote('a1', { nowMs: t0 + 300 }), { ipVotes: 32 })).recentVoteTimesMs;
    expect(times).toEqual([t0 + 1, t0 + 5, t0 + 9, t0 + 13, t0 + 17, t0 + 150, t0 + 300]);
  });

  it('loads a key another process recorded, as of then, and adds what came after once', async () => {
    const prefix = `t${randomUUID().slice(0, 8)}:`;
    const a = mirror(prefix);
    const london = { latitude: 51.5, longitude: -0.09, country: 'GB' };
    for (let i = 0; i < 12; i++) await a.observe(vote('u', { nowMs: t0 + i * 1000, deviceHash: `dev-${i % 3}`, phonePrefix: '+44740012', location: london }));
    await a.close();
    // A process that starts now knows nothing of u until its first vote loads u's keys from Redis.
    const c = mirror(prefix);
    const seen = await c.observe(vote('u', { nowMs: t0 + 20_000, deviceHash: 'dev-0', phonePrefix: '+44740012', location: london }));
    expect(seen).toMatchObject({ ipVotes: 13, ipAccounts: 1, accountDevices: 3, prefixAccounts: 1 });
    expect(seen.recentVoteTimesMs).toEqual([...Array.from({ length: 9 }, (_, i) => t0 + (i + 3) * 1000), t0 + 20_000]);
    expect(seen.previousLocation).toMatchObject({ country: 'GB', atMs: t0 + 11_000 });
    // Votes from a third process after the load reach c once each.
    const d = mirror(prefix);
    for (let i = 0; i < 5; i++) await d.observe(vote(`v${i}`, { nowMs: t0 + 21_000 + i, deviceHash: 'dev-0' }));
    // u and v0–v4 on the address and the device, and the peeking w: seven accounts.
    const expected = { ipVotes: 19, ipAccounts: 7, deviceAccounts: 7 };
    expect(await peekUntil(c, vote('w', { nowMs: t0 + 22_000, deviceHash: 'dev-0' }), expected)).toMatchObject(expected);
  });

  it('scores a vote on keys it holds without a Redis round trip, and publishes later in one script call', async () => {
    const prefix = `t${randomUUID().slice(0, 8)}:`;
    const store = mirror(prefix);
    await store.observe(vote('u'));
    const publish = jest.spyOn(redis as unknown as { fraudPublish: (...args: unknown[]) => Promise<unknown> }, 'fraudPublish');
    const snapshot = jest.spyOn(redis as unknown as { fraudSnapshot: (...args: unknown[]) => Promise<unknown> }, 'fraudSnapshot');
    // Held keys: the answer is there at once, not a promise.
    const answers = Array.from({ length: 30 }, (_, i) => store.observe(vote('u', { nowMs: t0 + 1 + i })));
    expect(answers.every((answer) => !(answer instanceof Promise))).toBe(true);
    expect((answers[29] as ObservedSignals).ipVotes).toBe(31);
    expect(snapshot).not.toHaveBeenCalled();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(publish).toHaveBeenCalledTimes(1);
    publish.mockRestore();
    snapshot.mockRestore();
    // Redis holds them: the exact store on the same keys counts them.
    expect((await new RedisSignalStore(redis, prefix).peek(vote('u', { nowMs: t0 + 40 }))).ipVotes).toBe(32);
  });
});

describe('Mirrored signal store: the feed carries votes only while another process reads it', () => {
  const nowMs = Date.now();
  const vote = (userId: string): VoteObservation => ({ tenantId: 'demo', userId, observationId: randomUUID(), ip: '81.2.69.210', deviceHash: null, phonePrefix: null, location: null, nowMs });
  const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50));
  const ipVotesUntil = async (store: SignalStore, expected: number, timeoutMs = 5_000): Promise<number> => {
    const deadline = Date.now() + timeoutMs;
    let seen = 0;
    while (seen !== expected && Date.now() < deadline) {
      seen = (await store.peek(vote('probe'))).ipVotes;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return seen;
  };

  it('publishes a lone process’s votes to the keys only, and appends them once a second process reads', async () => {
    const prefix = `t${randomUUID().slice(0, 8)}:`;
    const feed = `${prefix}fraud:feed`;
    const a = mirror(prefix);
    for (let i = 0; i < 3; i++) await a.observe(vote(`a${i}`));
    await settle();
    // Alone: Redis's keys hold the votes (the exact store counts them), the feed nothing.
    expect(await redis.xlen(feed)).toBe(0);
    expect((await new RedisSignalStore(redis, prefix).peek(vote('x'))).ipVotes).toBe(4);
    // b registers as a reader before it loads the key, so the load holds a's three votes.
    const b = mirror(prefix);
    expect((await b.peek(vote('x'))).ipVotes).toBe(4);
    // a's next publication is asked for its votes (it had seen no reader) and appends them.
    await a.observe(vote('a3'));
    expect(await ipVotesUntil(b, 5)).toBe(5);
    expect(await redis.xlen(feed)).toBe(1);
  });

  it('starts over when its heartbeat lapsed, since votes published meanwhile had no entry', async () => {
    const prefix = `t${randomUUID().slice(0, 8)}:`;
    const readers = `${prefix}fraud:feed:readers`;
    const b = mirror(prefix);
    expect((await b.peek(vote('x'))).ipVotes).toBe(1);
    // As if b had stalled past the alive window: publishers no longer count it as a reader.
    const [bReader] = await redis.zrange(readers, '0', '-1');
    await redis.zadd(readers, 1, bReader);
    const a = mirror(prefix);
    await a.observe(vote('a0'));
    // a's publication leaves b out (no entry), unless b's heartbeat came first; either way b's
    // heartbeat (within about a second) finds the lapse and loads the key again. Without the
    // start-over, b would show 1 here.
    expect(await ipVotesUntil(b, 2, 5_000)).toBe(2);
  });
});

describe('Mirrored signal store when the feed is quiet', () => {
  it('checks for trimmed entries only when it was not caught up lately, not because its position is old', async () => {
    const prefix = `t${randomUUID().slice(0, 8)}:`;
    const xrange = jest.spyOn(Redis.prototype, 'xrange');
    // Alone, nothing appends: the position stays where it started while every read finds nothing after it.
    const store = new MirroredSignalStore(redis, { prefix, flushMs: 20, batchMax: 64, feedSuspectAfterMs: 1_500 });
    mirrors.push(store);
    await store.observe({ tenantId: 'demo', userId: 'u', observationId: randomUUID(), ip: '81.2.69.220', deviceHash: null, phonePrefix: null, location: null, nowMs: Date.now() });
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    // Judged by the position's age, every turn after 1.5 s would have checked (one XRANGE each).
    expect(xrange).not.toHaveBeenCalled();
    xrange.mockRestore();
  });
});

describe('Mirrored signal store when the feed lost entries', () => {
  it('starts over: every key is loaded again from Redis', async () => {
    const prefix = `t${randomUUID().slice(0, 8)}:`;
    const feed = `${prefix}fraud:feed`;
    const nowMs = Date.now();
    const other = (observationId: string): VoteObservation => ({ tenantId: 'demo', userId: observationId, observationId, ip: '81.2.69.200', deviceHash: null, phonePrefix: null, location: null, nowMs });
    const keys = signalKeys(prefix, other('x'));
    await redis.xadd(feed, '1000-0', 'p', 'elsewhere', 'o', '[]');
    // The reader pauses 2 s after each read that returns entries, and checks what is kept once it
    // was last caught up over a second ago (half the retention outside tests).
    const store = new MirroredSignalStore(redis, { prefix, flushMs: 2_000, batchMax: 64, feedSuspectAfterMs: 1_000 });
    mirrors.push(store);
    expect((await store.peek(other('me'))).ipVotes).toBe(1);
    await redis.xadd(feed, '1000-5', 'p', 'elsewhere', 'o', '[]');
    await new Promise((resolve) => setTimeout(resolve, 300));
    // While it pauses, two votes from elsewhere, the first trimmed away before the reader sees it.
    await redis
      .multi()
      .zadd(keys.ipVotes!, nowMs, 'v1')
      .xadd(feed, '1001-0', 'p', 'elsewhere', 'o', JSON.stringify([other('v1')]))
      .xtrim(feed, 'MINID', '1002')
      .zadd(keys.ipVotes!, nowMs, 'v2')
      .xadd(feed, '1002-0', 'p', 'elsewhere', 'o', JSON.stringify([other('v2')]))
      .exec();
    // Applying the feed alone would show 2 (v2 and the peek); loading the key again shows both votes.
    const deadline = Date.now() + 10_000;
    let seen = 0;
    while (seen !== 3 && Date.now() < deadline) {
      seen = (await store.peek(other('me'))).ipVotes;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(seen).toBe(3);
  });
});
