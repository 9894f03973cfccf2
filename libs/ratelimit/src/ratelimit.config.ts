import { Env, EnvReader } from '@tally/platform';

export interface RateLimitConfig {
  /** false turns the guard into a no-op (benchmarks, tests of other contexts); rules and endpoints stay. */
  enabled: boolean;
  /** Prefix of the bucket keys in Redis (tests use their own). */
  redisPrefix: string;
  /** How often each process reloads rules and blocks from their read models: the longest a change waits to apply. */
  rulesRefreshMs: number;
  /** Refusals are written to rate_limit_attempts in batches at most this often, off the request path. */
  attemptsFlushMs: number;
  /** Refusals kept in memory before older ones are dropped while the database is slow (they are a log, not a ledger). */
  attemptsBufferMax: number;
  /** How long rate_limit_attempts keeps a refusal. */
  attemptsRetentionDays: number;
  /** IPv6 clients are counted per network of this prefix length (one subscriber usually holds a whole /64). */
  ipv6PrefixLength: number;
  /** The most points one process takes from a Redis bucket at once (README "Leases"); 1 counts every request in Redis. */
  leaseMax: number;
}

export const RATE_LIMIT_CONFIG = Symbol('RateLimitConfig');

export function loadRateLimitConfig(env: Env): RateLimitConfig {
  const read = new EnvReader(env);
  return {
    enabled: read.bool('RATE_LIMITS_ENABLED', true),
    redisPrefix: read.string('RATE_LIMIT_REDIS_PREFIX', 'tally:rl:'),
    rulesRefreshMs: read.int('RATE_LIMIT_RULES_REFRESH_MS', 1000, { min: 50, max: 60_000 }),
    attemptsFlushMs: read.int('RATE_LIMIT_ATTEMPTS_FLUSH_MS', 1000, { min: 10, max: 60_000 }),
    attemptsBufferMax: read.int('RATE_LIMIT_ATTEMPTS_BUFFER_MAX', 10_000, { min: 100, max: 1_000_000 }),
    attemptsRetentionDays: read.int('RATE_LIMIT_ATTEMPTS_RETENTION_DAYS', 30, { min: 1, max: 3650 }),
    ipv6PrefixLength: read.int('RATE_LIMIT_IPV6_PREFIX', 64, { min: 32, max: 128 }),
    leaseMax: read.int('RATE_LIMIT_LEASE_MAX', 50, { min: 1, max: 10_000 }),
  };
}
