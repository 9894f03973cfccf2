import { randomUUID } from 'node:crypto';
import { PlatformConfig } from '@tally/platform';
import { RateLimitRule } from '../domain/rate-limit-rule';
import { eventually } from '../../../eventstore/src/projections/testing/projection-test-kit';
import { loadRateLimitConfig } from '../ratelimit.config';
import { BucketLimiter } from './bucket-limiter';

const rule = (limit: number): RateLimitRule => ({ ruleId: randomUUID(), name: 'burst', scope: 'ip', method: '*', route: '*', limit, windowSeconds: 60, enabled: true });

/** Only the setting the limiter reads. */
const platform = (redisUrl: string | null): PlatformConfig => ({ redisUrl }) as PlatformConfig;

describe.each([
  ['Redis', 'redis://127.0.0.1:6379/0'],
  ['memory', null],
])('BucketLimiter on %s', (_name, redisUrl) => {
  let limiter: BucketLimiter;

  beforeAll(async () => {
    limiter = new BucketLimiter(loadRateLimitConfig({ RATE_LIMIT_REDIS_PREFIX: `test:rl:${randomUUID()}:` }), platform(redisUrl));
    await limiter.onModuleInit();
  });

  afterAll(async () => {
    await limiter.onApplicationShutdown();
  });

  it('lets exactly the limit through 50 parallel requests, each seeing its own remaining count', async () => {
    const limited = rule(20);
    const states = await Promise.all(Array.from({ length: 50 }, async () => limiter.consume(limited, 'i:198.51.100.1')));
    expect(states.filter((state) => state.allowed)).toHaveLength(20);
    expect(states.filter((state) => state.allowed).map((state) => state.remaining).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(states.every((state) => state.resetMs > 0 && state.resetMs <= 60_000)).toBe(true);
    // Another key has a bucket of its own; looking does not count.
    expect(await limiter.peek(limited, 'i:198.51.100.2')).toMatchObject({ allowed: true, remaining: 20 });
    expect(await limiter.peek(limited, 'i:198.51.100.1')).toMatchObject({ allowed: false, remaining: 0 });
  });

  it('applies a changed limit to the counts already made', async () => {
    const limited = rule(5);
    for (let i = 0; i < 4; i++) await limiter.consume(limited, 'u:one');
    expect((await limiter.consume({ ...limited, limit: 3 }, 'u:one')).allowed).toBe(false);
    expect((await limiter.consume({ ...limited, limit: 10 }, 'u:one')).allowed).toBe(true);
  });
});

describe('BucketLimiter leasing from Redis', () => {
  const config = loadRateLimitConfig({ RATE_LIMIT_REDIS_PREFIX: `test:rl:${randomUUID()}:` });
  let first: BucketLimiter;
  let second: BucketLimiter;

  beforeAll(async () => {
    // Two processes on one Redis.
    first = new BucketLimiter(config, platform('redis://127.0.0.1:6379/0'));
    second = new BucketLimiter(config, platform('redis://127.0.0.1:6379/0'));
    await Promise.all([first.onModuleInit(), second.onModuleInit()]);
  });

  afterAll(async () => {
    await Promise.all([first.onApplicationShutdown(), second.onApplicationShutdown()]);
  });

  it('counts a bucket far from its limit in leases of 50 points, the remaining count going down one per request', async () => {
    const roomy = rule(1_000_000);
    const remaining = [];
    for (let i = 0; i < 100; i++) remaining.push((await first.consume(roomy, 'u:roomy')).remaining);
    expect(remaining).toEqual(Array.from({ length: 100 }, (_, i) => 999_999 - i));
    // In Redis: one plain count, two leases of 50 and a third, topped up ahead when the second was
    // down to 13 points (request 88) and answered after the loop: first holds 51 points unused.
    await eventually(async () => {
      expect(await second.peek(roomy, 'u:roomy')).toMatchObject({ remaining: 1_000_000 - 151 });
      expect(await first.peek(roomy, 'u:roomy')).toMatchObject({ remaining: 1_000_000 - 100 });
    }, 5_000);
  });

  it('tops a shared bucket up ahead, so a burst from one address goes through its leases without waiting on Redis', async () => {
    const shared = rule(1_000_000);
    await first.consume(shared, 'i:198.51.100.77');
    await first.consume(shared, 'i:198.51.100.77');
    // 200 requests 5 ms apart: each lease of 50 is topped up at 13 points left, 65 ms before it
    // runs out, so its requests are served from memory (a plain value, no promise) all along.
    // Without top-ups the request after each lease's last point waits on a count: 4 of them here.
    // At most one may wait, for a round trip slower than 65 ms on a loaded machine.
    let waited = 0;
    for (let i = 0; i < 200; i++) {
      const state = first.consume(shared, 'i:198.51.100.77');
      if (state instanceof Promise) {
        waited++;
        await state;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(waited).toBeLessThanOrEqual(1);
    // Every point handed out came out of the shared count: 202 requests, 4 top-ups in flight or used.
    expect((await second.peek(shared, 'i:198.51.100.77')).remaining).toBeLessThanOrEqual(1_000_000 - 202);
  });

  it('never lets more than the limit through two leasing processes under 700 parallel requests, and lets all of it through as they keep asking', async () => {
    const limited = rule(500);
    // Known to both first, so that they lease.
    await first.consume(limited, 'i:198.51.100.9');
    await second.consume(limited, 'i:198.51.100.9');
    const states = await Promise.all(Array.from({ length: 700 }, async (_, i) => (i % 2 === 0 ? first : second).consume(limited, 'i:198.51.100.9')));
    const passed = 2 + states.filter((state) => state.allowed).length;
    expect(passed).toBeLessThanOrEqual(500);
    let more = 0;
    for (const process of [first, second]) while ((await process.consume(limited, 'i:198.51.100.9')).allowed) more++;
    expect(passed + more).toBe(500);
  });
});

describe('BucketLimiter with Redis away', () => {
  it('counts in memory instead of failing or waiting (the insurance limiter)', async () => {
    const limiter = new BucketLimiter(loadRateLimitConfig({}), platform('redis://127.0.0.1:1/0'));
    try {
      const limited = rule(3);
      const started = Date.now();
      const states = [];
      for (let i = 0; i < 5; i++) states.push(await limiter.consume(limited, 'i:203.0.113.1'));
      expect(states.map((state) => state.allowed)).toEqual([true, true, true, false, false]);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await limiter.onApplicationShutdown();
    }
  });
});
