import { LeaderboardViewCache } from './leaderboard-view.cache';

/** A build that resolves when the test says so, counting how often it was started. */
function builds() {
  const pending: ((value: string) => void)[] = [];
  const failures: ((error: Error) => void)[] = [];
  let started = 0;
  return {
    build: () =>
      new Promise<string>((resolve, reject) => {
        started += 1;
        pending.push(resolve);
        failures.push(reject);
      }),
    finish: (value: string) => pending.shift()!(value),
    fail: (error: Error) => {
      pending.shift();
      failures.shift()!(error);
    },
    get started() {
      return started;
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('LeaderboardViewCache', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = 0));

  it('lets readers that arrive during a build share it, and serves the view until the TTL ends', async () => {
    const cache = new LeaderboardViewCache<string>(250, 10, clock);
    const b = builds();
    const readers = Array.from({ length: 50 }, () => cache.get('t:e', b.build));
    expect(b.started).toBe(1);
    b.finish('v1');
    expect(await Promise.all(readers)).toEqual(Array(50).fill('v1'));

    now = 249;
    expect(await cache.get('t:e', b.build)).toBe('v1');
    expect(b.started).toBe(1);

    now = 250;
    const fresh = cache.get('t:e', b.build);
    expect(b.started).toBe(2);
    b.finish('v2');
    expect(await fresh).toBe('v2');
  });

  it('keeps events apart', async () => {
    const cache = new LeaderboardViewCache<string>(250, 10, clock);
    const b = builds();
    const one = cache.get('t:e1', b.build);
    const two = cache.get('t:e2', b.build);
    expect(b.started).toBe(2);
    b.finish('e1');
    b.finish('e2');
    expect([await one, await two]).toEqual(['e1', 'e2']);
  });

  it('does not keep a failed build: the readers waiting for it get the error, the next one builds again', async () => {
    const cache = new LeaderboardViewCache<string>(250, 10, clock);
    const b = builds();
    const first = cache.get('t:e', b.build);
    const second = cache.get('t:e', b.build);
    b.fail(new Error('redis down'));
    await expect(first).rejects.toThrow('redis down');
    await expect(second).rejects.toThrow('redis down');
    await settle();
    const retry = cache.get('t:e', b.build);
    expect(b.started).toBe(2);
    b.finish('v');
    expect(await retry).toBe('v');
  });

  it('builds afresh after an invalidation, even inside the TTL', async () => {
    const cache = new LeaderboardViewCache<string>(250, 10, clock);
    const b = builds();
    const first = cache.get('t:e', b.build);
    b.finish('before');
    await first;
    cache.invalidate('t:e');
    const after = cache.get('t:e', b.build);
    expect(b.started).toBe(2);
    b.finish('after');
    expect(await after).toBe('after');
  });

  it('keeps at most maxEntries events, dropping the least recently built', async () => {
    const cache = new LeaderboardViewCache<string>(1_000, 2, clock);
    const b = builds();
    for (const key of ['a', 'b', 'c']) {
      const view = cache.get(key, b.build);
      b.finish(key);
      await view;
    }
    expect(b.started).toBe(3);
    await cache.get('c', b.build);
    await cache.get('b', b.build);
    expect(b.started).toBe(3);
    const a = cache.get('a', b.build);
    expect(b.started).toBe(4);
    b.finish('a again');
    expect(await a).toBe('a again');
  });

  it('builds on every read when the TTL is 0', async () => {
    const cache = new LeaderboardViewCache<string>(0, 10, clock);
    const b = builds();
    const reads = [cache.get('t:e', b.build), cache.get('t:e', b.build)];
    expect(b.started).toBe(2);
    b.finish('x');
    b.finish('y');
    expect(await Promise.all(reads)).toEqual(['x', 'y']);
  });
});
