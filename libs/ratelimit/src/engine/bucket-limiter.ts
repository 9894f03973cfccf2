import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { PLATFORM_CONFIG, PlatformConfig } from '@tally/platform';
import { RateLimitRule } from '../domain/rate-limit-rule';
import { RATE_LIMIT_CONFIG, RateLimitConfig } from '../ratelimit.config';

/** One bucket after a request was counted in it (or looked at). */
export interface BucketState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Milliseconds until the window ends and the bucket is full again. */
  resetMs: number;
}

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
 */
@Injectable()
export class BucketLimiter implements OnApplicationShutdown {
  private readonly redis: Redis | null;
  /** One limiter per rule and window length; a changed limit is set on it in place, keeping counts. */
  private readonly limiters = new Map<string, RateLimiterAbstract[]>();

  constructor(@Inject(RATE_LIMIT_CONFIG) private readonly config: RateLimitConfig, @Inject(PLATFORM_CONFIG) platform: PlatformConfig) {
    // Not the shared connection (openRedis): auto-pipelining is what makes several buckets one round trip.
    this.redis = platform.redisUrl
      ? // No offline queue: while Redis is away a bucket fails at once and the insurance limiter counts it, rather than the vote waiting on a reconnect.
        new Redis(platform.redisUrl, { connectionName: 'tally-ratelimit', enableAutoPipelining: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: (times) => Math.min(times * 100, 2000) })
      : null;
  }

  async consume(rule: RateLimitRule, key: string): Promise<BucketState> {
    try {
      return this.stateOf(rule, await this.limiterFor(rule).consume(key), true);
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) return this.stateOf(rule, refusal, false);
      throw refusal;
    }
  }

  /** The bucket as it stands, without counting a request (GET /api/ratelimit/status). */
  async peek(rule: RateLimitRule, key: string): Promise<BucketState> {
    const res = await this.limiterFor(rule).get(key);
    if (!res) return { allowed: true, limit: rule.limit, remaining: rule.limit, resetMs: rule.windowSeconds * 1000 };
    return this.stateOf(rule, res, res.consumedPoints < rule.limit);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.redis) await this.redis.quit().catch(() => this.redis?.disconnect());
  }

  private stateOf(rule: RateLimitRule, res: RateLimiterRes, allowed: boolean): BucketState {
    return { allowed, limit: rule.limit, remaining: Math.max(0, rule.limit - res.consumedPoints), resetMs: Math.max(0, res.msBeforeNext) };
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
