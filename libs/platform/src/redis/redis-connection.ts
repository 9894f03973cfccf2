import Redis from 'ioredis';

export function openRedis(url: string, connectionName: string): Redis {
  return new Redis(url, {
    connectionName,
    // Commands fail fast while Redis is down instead of queueing without bound; callers map
    // the failure to 503 and the client reconnects by itself.
    enableOfflineQueue: true,
    maxRetriesPerRequest: 2,
    retryStrategy: (times) => Math.min(times * 100, 2000),
    lazyConnect: false,
  });
}
