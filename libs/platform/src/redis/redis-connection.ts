import { ConnectionOptions } from 'node:tls';
import Redis, { RedisOptions } from 'ioredis';

/**
 * ioredis's TLS settings for a URL: a rediss:// server's certificate must chain to `ca` (REDIS_TLS_CA_FILE;
 * absent, Node's public CAs) and name the host dialled (ioredis passes the host to tls.connect).
 */
export function redisTls(url: string, ca: string | undefined): { tls?: ConnectionOptions } {
  if (!url.startsWith('rediss:')) return {};
  return { tls: ca === undefined ? {} : { ca } };
}

/**
 * A client of `url` with Tally's defaults; `tlsCa` is PlatformConfig.redisTlsCa (a rediss:// URL
 * needs it when its server's certificate comes from a private CA), `overrides` replace defaults.
 */
export function openRedis(url: string, connectionName: string, options: RedisOptions & { tlsCa?: string } = {}): Redis {
  const { tlsCa, ...overrides } = options;
  return new Redis(url, {
    connectionName,
    ...redisTls(url, tlsCa),
    // Commands fail fast while Redis is down instead of queueing without bound; callers map
    // the failure to 503 and the client reconnects by itself.
    enableOfflineQueue: true,
    maxRetriesPerRequest: 2,
    retryStrategy: (times) => Math.min(times * 100, 2000),
    lazyConnect: false,
    ...overrides,
  });
}
