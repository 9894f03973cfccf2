import { Env, EnvReader } from '../config/env-reader';

/** Settings of the query result cache (docs/scaling.md "Query result cache"), read once at boot. */
export interface QueryCacheConfig {
  /**
   * How long a result lives in Redis and in each process's copy (QUERY_CACHE_TTL_MS). Invalidation
   * by event is what keeps results fresh; the TTL only bounds a result whose invalidation was lost
   * (Redis unreachable when it was sent).
   */
  ttlMs: number;
  /** Results kept in each process's memory, least recently used dropped first (QUERY_CACHE_LOCAL_ENTRIES). */
  localEntries: number;
  /**
   * Prefix of the Redis keys and of the invalidation channel (QUERY_CACHE_REDIS_PREFIX). By
   * default `tally:qc:<database name>:`: a cached result belongs to one database, and deployments
   * (or test apps) on different databases sharing one Redis must not read each other's. With one
   * prefix, a process of one whose listener reloads a record on an invalidation (the tenant status
   * book) stored "no such tenant" for another's brand-new tenant, which then answered 404.
   */
  redisPrefix: string;
  /** A Redis command of the cache that has not answered by then counts as failed and the database answers (QUERY_CACHE_REDIS_TIMEOUT_MS). */
  redisTimeoutMs: number;
}

export function loadQueryCacheConfig(env: Env): QueryCacheConfig {
  const read = new EnvReader(env);
  return {
    ttlMs: read.int('QUERY_CACHE_TTL_MS', 60_000, { min: 0, max: 86_400_000 }),
    localEntries: read.int('QUERY_CACHE_LOCAL_ENTRIES', 10_000, { min: 0, max: 1_000_000 }),
    redisPrefix: read.string('QUERY_CACHE_REDIS_PREFIX', `tally:qc:${databaseNameOf(env.DATABASE_URL)}`),
    redisTimeoutMs: read.int('QUERY_CACHE_REDIS_TIMEOUT_MS', 250, { min: 10, max: 10_000 }),
  };
}

/** `<name>:` for a database URL naming one, else nothing (the embedded database has no Redis). */
function databaseNameOf(url: string | undefined): string {
  if (!url) return '';
  try {
    const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
    return name ? `${name}:` : '';
  } catch {
    return '';
  }
}
