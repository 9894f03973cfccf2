/** ioredis client when REDIS_URL is set, else null (embedded mode uses in-process adapters). */
export const REDIS = Symbol('Redis');
