import { randomUUID } from 'node:crypto';
import { PlatformConfig } from '@tally/platform';
import { RateLimitRule } from '../domain/rate-limit-rule';
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

  beforeAll(() => {
    limiter = new BucketLimiter(loadRateLimitConfig({ RATE_LIMIT_REDIS_PREFIX: `test:rl:${randomUUID()}:` }), platform(redisUrl));
  });

  afterAll(async () => {
    await limiter.onApplicationShutdown();
  });

  it('lets exactly the limit through 50 parallel requests, each seeing its own remaining count', async () => {
    const limited = rule(20);
    const states = await Promise.all(Array.from({ length: 50 }, () => limiter.consume(limited, 'i:198.51.100.1')));
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
