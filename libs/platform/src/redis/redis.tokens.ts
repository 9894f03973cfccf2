/** ioredis client when REDIS_URL is set, else null (embedded mode uses in-process adapters). */
export const REDIS = Symbol('Redis');
/**
 * ioredis client of REDIS_REPLICA_URL (with REDIS_URL), else null: for reads that tolerate lag
 * only. A replica whose link to its primary is down refuses reads (replica-serve-stale-data no,
 * docs/scaling.md) and the caller reads the primary instead.
 */
export const REDIS_REPLICA = Symbol('RedisReplica');
