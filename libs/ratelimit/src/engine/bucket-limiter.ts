import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { PLATFORM_CONFIG, PlatformConfig, redisTls } from '@tally/platform';
import { RateLimitRule } from '../domain/rate-limit-rule';
import { RATE_LIMIT_CONFIG, RateLimitConfig } from '../ratelimit.config';
import { BucketLeases } from './bucket-leases';
import { BucketState } from './bucket-state';

export type { BucketState } from './bucket-state';

/**
 * The counting, done by rate-limiter-flexible: RateLimiterRedis (one Lua script per bucket:
 * SET NX EX + INCRBY + PTTL, atomic in Redis, so 50 parallel requests across any number of API
 * processes never let more than the limit through) when REDIS_URL is set, else
 * RateLimiterMemory (atomic because one event loop runs it). Fixed windows: a bucket's window
 * starts with its first request and it is full again when the key expires — Redis (or the
 * memory store's timer) resets windows by itself, so nothing has to be scheduled for it.
 *
 * The Redis connection is this library's own with auto-pipelining: the buckets of one request,
 * consumed together, leave in one write and come back in one round trip. If Redis fails, each
 * process falls back to an in-memory bucket of the same rule (the library's insurance limiter)
 * rather than refusing or letting everything through.
 *
 * With Redis, a bucket known to have plenty left is counted several points at a time (a lease,
 * BucketLeases: one library `consume(key, n)`), and the process's next requests in it take those
 * points without a round trip: a voter far from its limits costs Redis one count per lease, not
 * three per vote. A lease running low is topped up ahead, in the background, so a bucket that
 * every request shares does not hold them all up once per lease. In memory every request is
 * counted (it costs no round trip anyway).
 */
@Injectable()
export class BucketLimiter implements OnModuleInit, OnApplicationShutdown {
  private readonly redis: Redis | null;
  /** One limiter per rule and window length; a changed limit is set on it in place, keeping counts. */
  private readonly limiters = new Map<string, RateLimiterAbstract[]>();
  private readonly leases: BucketLeases;

  constructor(@Inject(RATE_LIMIT_CONFIG) private readonly config: RateLimitConfig, @Inject(PLATFORM_CONFIG) platform: PlatformConfig) {
    // Not the shared connection (openRedis): auto-pipelining is what makes several buckets one round trip.
    this.redis = platform.redisUrl
      ? // No offline queue: while Redis is away a bucket fails at once and the insurance limiter counts it, rather than the vote waiting on a reconnect.
        new Redis(platform.redisUrl, { connectionName: 'tally-ratelimit', ...redisTls(platform.redisUrl, platform.redisTlsCa), enableAutoPipelining: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: (times) => Math.min(times * 100, 2000) })
      : null;
    this.leases = new BucketLeases(this.redis ? config.leaseMax : 1);
  }

  /**
   * Waits (at most five seconds) for the Redis connection: until it is ready the insurance
   * limiter counts, per process, so the first requests after a start would not be shared.
   */
  async onModuleInit(): Promise<void> {
    const redis = this.redis;
    if (!redis || redis.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        redis.off('ready', done);
        resolve();
      };
      const timer = setTimeout(done, 5000);
      redis.once('ready', done);
    });
  }

  /**
   * Counts one request in the rule's bucket `key`: from this process's lease when it has points
   * left (synchronously: no round trip, no promise), else in the store.
   */
  consume(rule: RateLimitRule, key: string): BucketState | Promise<BucketState> {
    const bucket = bucketOf(rule, key);
    const now = Date.now();
    const leased = this.leases.take(bucket, rule.limit, now);
    if (!leased) return this.countOrWait(rule, key, bucket);
    this.refillAhead(rule, key, bucket, now);
    return leased;
  }

  /** The bucket as it stands, without counting a request (GET /api/ratelimit/status); this process's unused lease counts as left. */
  async peek(rule: RateLimitRule, key: string): Promise<BucketState> {
    const res = await this.limiterFor(rule).get(key);
    if (!res) return { allowed: true, limit: rule.limit, remaining: rule.limit, resetMs: rule.windowSeconds * 1000 };
    const used = Math.max(0, Math.min(rule.limit, res.consumedPoints) - this.leases.unused(bucketOf(rule, key), rule.limit, Date.now()));
    return { allowed: used < rule.limit, limit: rule.limit, remaining: rule.limit - used, resetMs: Math.max(0, res.msBeforeNext) };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.redis) await this.redis.quit().catch(() => this.redis?.disconnect());
  }

  private async countOrWait(rule: RateLimitRule, key: string, bucket: string): Promise<BucketState> {
    for (;;) {
      const now = Date.now();
      const leased = this.leases.take(bucket, rule.limit, now);
      if (leased) return leased;
      const pending = this.leases.pending(bucket);
      if (pending) {
        // Its failure is its own request's; this one counts for itself next.
        await pending.catch(() => undefined);
        continue;
      }
      const points = this.leases.sizeFor(bucket, rule.limit, now);
      const counting = this.count(rule, key, bucket, points, now);
      if (points > 1) this.leases.counting(bucket, counting);
      return counting;
    }
  }

  /**
   * Tops a lease running low up in the background (BucketLeases.refillSize), so that the bucket's
   * next requests find points rather than all waiting on one round trip. Its failure is no
   * request's: a request that finds no points left counts for itself, as without it.
   */
  private refillAhead(rule: RateLimitRule, key: string, bucket: string, startedMs: number): void {
    const points = this.leases.refillSize(bucket, rule.limit, startedMs);
    if (points === 0) return;
    const refill = this.consumeInStore(rule, key, points).then((res) => this.leases.refilled(bucket, rule.limit, points, res.consumedPoints, res.msBeforeNext, startedMs));
    this.leases.counting(bucket, refill);
    refill.catch(() => undefined);
  }

  private async count(rule: RateLimitRule, key: string, bucket: string, points: number, startedMs: number): Promise<BucketState> {
    const res = await this.consumeInStore(rule, key, points);
    return this.leases.counted(bucket, rule.limit, points, res.consumedPoints, res.msBeforeNext, startedMs);
  }

  /** Adds `points` to the bucket in the store; over the limit the points still count (as a refused request's do). */
  private async consumeInStore(rule: RateLimitRule, key: string, points: number): Promise<RateLimiterRes> {
    try {
      return await this.limiterFor(rule).consume(key, points);
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      // The lease gets what was left before them (BucketLeases.counted).
      return refusal;
    }
  }

  private limiterFor(rule: RateLimitRule): RateLimiterAbstract {
    const id = `${rule.ruleId}:${rule.windowSeconds}`;
    let limiters = this.limiters.get(id);
    if (!limiters) {
      const options = { keyPrefix: `${this.config.redisPrefix}${id}`, points: rule.limit, duration: rule.windowSeconds };
      const memory = new RateLimiterMemory(options);
      limiters = this.redis ? [new RateLimiterRedis({ ...options, storeClient: this.redis, rejectIfRedisNotReady: true, insuranceLimiter: memory }), memory] : [memory];
      this.limiters.set(id, limiters);
    }
    if (limiters[0].points !== rule.limit) for (const limiter of limiters) limiter.points = rule.limit;
    return limiters[0];
  }
}

/** A bucket's name in this process: the rule (and window length, as the limiters are kept) and the key. */
function bucketOf(rule: RateLimitRule, key: string): string {
  return `${rule.ruleId}:${rule.windowSeconds}:${key}`;
}
