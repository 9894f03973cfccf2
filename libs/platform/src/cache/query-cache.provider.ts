import { FactoryProvider } from '@nestjs/common';
import { Env } from '../config/env-reader';
import { PLATFORM_CONFIG, PlatformConfig } from '../config/platform.config';
import { openRedis } from '../redis/redis-connection';
import { InProcessQueryCache } from './in-process-query-cache';
import { loadQueryCacheConfig, QueryCacheConfig } from './query-cache.config';
import { QUERY_CACHE, QueryCache } from './query-cache.port';
import { RedisQueryCache } from './redis-query-cache';

/** Redis with REDIS_URL, the process's memory otherwise (embedded mode). */
export function queryCacheProvider(env: Env): FactoryProvider<QueryCache> {
  return {
    provide: QUERY_CACHE,
    inject: [PLATFORM_CONFIG],
    useFactory: (platform: PlatformConfig): QueryCache => {
      const config = loadQueryCacheConfig(env);
      return platform.redisUrl ? openRedisQueryCache(platform.redisUrl, config, platform.redisTlsCa) : new InProcessQueryCache(config);
    },
  };
}

/**
 * `tlsCa`: PlatformConfig.redisTlsCa (a rediss:// server with a private CA). Two connections of its own: one for commands, with no offline queue and a short timeout (a read
 * the cache cannot answer goes to the database at once), one subscribed to invalidations.
 */
export function openRedisQueryCache(url: string, config: QueryCacheConfig, tlsCa?: string): RedisQueryCache {
  const commands = openRedis(url, 'tally-query-cache', { tlsCa, enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: config.redisTimeoutMs });
  const subscriber = openRedis(url, 'tally-query-cache-invalidations', { tlsCa });
  // Failures are handled where commands are sent; without a listener ioredis prints every reconnect error.
  for (const client of [commands, subscriber]) client.on('error', () => undefined);
  return new RedisQueryCache(commands, subscriber, config);
}
