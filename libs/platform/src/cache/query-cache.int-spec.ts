import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import Redis from 'ioredis';
import { InProcessQueryCache } from './in-process-query-cache';
import { QueryCacheConfig } from './query-cache.config';
import { openRedisQueryCache } from './query-cache.provider';
import { CacheKey, QueryCache } from './query-cache.port';
import { RedisQueryCache } from './redis-query-cache';

/**
 * The query cache's two adapters hold one contract (real Redis on 127.0.0.1 for the shared one),
 * and the Redis one is checked as several processes use it: two caches on one prefix stand for
 * two API processes.
 */
const REDIS_URL = 'redis://127.0.0.1:6379/0';
/** docs/scaling.md's bound for a change to reach every process (here: from the invalidation sent to another process's next read). */
const DELIVERY_BOUND_MS = 1_000;

const configOf = (prefix: string, over: Partial<QueryCacheConfig> = {}): QueryCacheConfig => ({
  ttlMs: 60_000,
  localEntries: 1_000,
  redisPrefix: prefix,
  redisTimeoutMs: 250,
  ...over,
});

const opened: RedisQueryCache[] = [];
afterAll(async () => {
  for (const cache of opened) await cache.onApplicationShutdown();
});

/** A cache of this run's own prefix, subscribed before it is handed out. */
async function redisCache(prefix: string, url = REDIS_URL): Promise<RedisQueryCache> {
  const cache = openRedisQueryCache(url, configOf(prefix));
  opened.push(cache);
  await until(() => listening(cache));
  return cache;
}

const listening = (cache: RedisQueryCache): boolean => (cache as unknown as { listening: boolean }).listening;

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** A load that counts its calls and answers what `value` holds when it runs. */
function counted<Value>(value: () => Value): { load: () => Promise<Value>; calls: () => number } {
  let calls = 0;
  return {
    load: () => {
      calls++;
      return Promise.resolve(value());
    },
    calls: () => calls,
  };
}

const adapters: [string, () => Promise<QueryCache>][] = [
  ['Redis', () => redisCache(`tally-test-qc-${randomUUID()}:`)],
  ['in-process', () => Promise.resolve(new InProcessQueryCache({ ttlMs: 60_000, localEntries: 1_000 }))],
];

describe.each(adapters)('%s query cache', (_name, make) => {
  const key: CacheKey = { namespace: 'test.view', id: 'contest-t.1' };

  it('loads once, then serves the copy; null is a value like any other', async () => {
    const cache = await make();
    const view = counted(() => ({ name: 'Final' }));
    expect(await cache.get(key, view.load)).toEqual({ name: 'Final' });
    expect(await cache.get(key, view.load)).toEqual({ name: 'Final' });
    expect(view.calls()).toBe(1);
    const missing = counted(() => null);
    const other = { namespace: 'test.view', id: 'contest-t.none' };
    expect(await cache.get(other, missing.load)).toBeNull();
    expect(await cache.get(other, missing.load)).toBeNull();
    expect(missing.calls()).toBe(1);
  });

  it('lets concurrent readers of one key share one load', async () => {
    const cache = await make();
    const view = counted(() => 42);
    const answers = await Promise.all(Array.from({ length: 20 }, () => cache.get(key, view.load)));
    expect(answers).toEqual(Array.from({ length: 20 }, () => 42));
    expect(view.calls()).toBe(1);
  });

  it('loads again after an invalidation and tells the listeners', async () => {
    const cache = await make();
    const told: CacheKey[] = [];
    cache.onInvalidate((invalidated) => told.push(invalidated));
    let name = 'before';
    const view = counted(() => name);
    expect(await cache.get(key, view.load)).toBe('before');
    name = 'after';
    await cache.invalidate([key]);
    expect(told).toEqual([key]);
    expect(await cache.get(key, view.load)).toBe('after');
    expect(view.calls()).toBe(2);
  });

  it('keeps nothing a failed load or a load overtaken by an invalidation produced', async () => {
    const cache = await make();
    await expect(cache.get(key, () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    let release!: (value: string) => void;
    const slow = cache.get(key, () => new Promise<string>((resolve) => (release = resolve)));
    await cache.invalidate([key]);
    release('read before the change');
    expect(await slow).toBe('read before the change');
    expect(await cache.get(key, () => Promise.resolve('read after the change'))).toBe('read after the change');
  });
});

describe('Redis query cache across processes', () => {
  const key: CacheKey = { namespace: 'test.view', id: 'contest-t.2' };

  it('shares a result: what one process loaded another serves without loading', async () => {
    const prefix = `tally-test-qc-${randomUUID()}:`;
    const [a, b] = [await redisCache(prefix), await redisCache(prefix)];
    expect(await a.get(key, () => Promise.resolve({ status: 'open' }))).toEqual({ status: 'open' });
    // A stores it after answering; wait for it to be in Redis.
    const inspector = new Redis(REDIS_URL);
    try {
      await until(async () => (await inspector.exists(`${prefix}v:${key.namespace}:${key.id}`)) === 1);
      expect(await inspector.pttl(`${prefix}v:${key.namespace}:${key.id}`)).toBeGreaterThan(50_000);
    } finally {
      await inspector.quit();
    }
    const fromB = counted(() => ({ status: 'loaded by b' }));
    expect(await b.get(key, fromB.load)).toEqual({ status: 'open' });
    expect(fromB.calls()).toBe(0);
  });

  it(`drops another process's copy within ${DELIVERY_BOUND_MS} ms of the invalidation`, async () => {
    const prefix = `tally-test-qc-${randomUUID()}:`;
    const [a, b] = [await redisCache(prefix), await redisCache(prefix)];
    const toldB: CacheKey[] = [];
    b.onInvalidate((invalidated) => toldB.push(invalidated));
    let status = 'open';
    const readByB = counted(() => status);
    expect(await b.get(key, readByB.load)).toBe('open');
    // B serves its local copy: no load, no Redis read.
    expect(await b.get(key, readByB.load)).toBe('open');
    expect(readByB.calls()).toBe(1);

    status = 'closed';
    const sent = performance.now();
    await a.invalidate([key]);
    await until(async () => (await b.get(key, readByB.load)) === 'closed', DELIVERY_BOUND_MS);
    const seenAfterMs = performance.now() - sent;
    expect(seenAfterMs).toBeLessThan(DELIVERY_BOUND_MS);
    expect(toldB).toEqual([key]);
  });

  it('never writes back a result computed before a change another process invalidated meanwhile', async () => {
    const prefix = `tally-test-qc-${randomUUID()}:`;
    const [a, b] = [await redisCache(prefix), await redisCache(prefix)];
    let release!: (value: string) => void;
    // B reads Redis (a miss, generation 0), then its database read is slow…
    const slow = b.get(key, () => new Promise<string>((resolve) => (release = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    // …the change commits and A invalidates (generation 1)…
    await a.invalidate([key]);
    // …and B's stale result arrives: B answers it (it was asked before the change) but stores it nowhere.
    release('stale');
    expect(await slow).toBe('stale');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await a.get(key, () => Promise.resolve('fresh'))).toBe('fresh');
    expect(await b.get(key, () => Promise.resolve('fresh'))).toBe('fresh');
  });

  it('trusts no local copy while its subscription is down, since invalidations sent meanwhile are lost to it', async () => {
    const prefix = `tally-test-qc-${randomUUID()}:`;
    const a = await redisCache(prefix);
    const config = configOf(prefix);
    const commands = new Redis(REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    const subscriber = new Redis(REDIS_URL);
    const b = new RedisQueryCache(commands, subscriber, config);
    opened.push(b);
    await until(() => listening(b));
    let status = 'open';
    expect(await b.get(key, () => Promise.resolve(status))).toBe('open');

    subscriber.disconnect();
    await until(() => !listening(b));
    status = 'closed';
    await a.invalidate([key]);
    // The message never reached B; its copy went when the subscription did.
    expect(await b.get(key, () => Promise.resolve(status))).toBe('closed');
    await subscriber.connect();
    await until(() => listening(b));
    expect(await b.get(key, () => Promise.resolve('loaded again'))).toBe('closed');
  });

  it('sends an invalidation Redis could not take as soon as it answers again', async () => {
    const prefix = `tally-test-qc-${randomUUID()}:`;
    const b = await redisCache(prefix);
    const commands = new Redis(REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    const a = new RedisQueryCache(commands, new Redis(REDIS_URL), configOf(prefix));
    opened.push(a);
    await until(() => listening(a) && commands.status === 'ready');
    expect(await a.get(key, () => Promise.resolve('open'))).toBe('open');
    await until(async () => (await b.get(key, () => Promise.resolve('not stored yet'))) === 'open');

    commands.disconnect();
    await until(() => commands.status === 'end');
    await expect(a.invalidate([key])).rejects.toThrow();
    // The change was made, Redis still holds the value from before it…
    expect(await b.get(key, () => Promise.resolve('closed'))).toBe('open');
    await commands.connect();
    // …until A's connection is back and the invalidation goes out.
    await until(async () => (await b.get(key, () => Promise.resolve('closed'))) === 'closed', DELIVERY_BOUND_MS);
  });

  it('answers from the database, never an error, while Redis cannot be reached', async () => {
    const unreachable = await closedPort();
    const cache = openRedisQueryCache(`redis://127.0.0.1:${unreachable}/0`, configOf('tally-test-qc-down:'));
    opened.push(cache);
    let reads = 0;
    const load = (): Promise<string> => Promise.resolve(`from the database ${++reads}`);
    const started = performance.now();
    expect(await cache.get(key, load)).toBe('from the database 1');
    expect(await cache.get(key, load)).toBe('from the database 2');
    // No offline queue: a read the cache cannot answer does not wait for a reconnect.
    expect(performance.now() - started).toBeLessThan(200);
    await expect(cache.invalidate([key])).rejects.toThrow();
  });
});

/** A port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
