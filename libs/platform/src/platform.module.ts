import { DynamicModule, Global, Inject, Module, OnApplicationShutdown, Optional } from '@nestjs/common';
import Redis from 'ioredis';
import { Env } from './config/env-reader';
import { queryCacheProvider } from './cache/query-cache.provider';
import { QUERY_CACHE } from './cache/query-cache.port';
import { loadPlatformConfig, PLATFORM_CONFIG, PlatformConfig } from './config/platform.config';
import { loadMasterKeyring, MasterKeyring } from './crypto/master-keyring';
import { openRedis } from './redis/redis-connection';
import { REDIS, REDIS_REPLICA } from './redis/redis.tokens';
import { Clock, CLOCK, SystemClock } from './time/clock';

/** The raw environment, read only by each context's config factory. */
export const ENV = Symbol('Env');

export interface PlatformOptions {
  env: Env;
  clock?: Clock;
}

/** Config, clock, Redis, the query cache and the master keyring for every context. */
@Global()
@Module({})
export class PlatformModule implements OnApplicationShutdown {
  constructor(
    @Optional() @Inject(REDIS) private readonly redis: Redis | null,
    @Optional() @Inject(REDIS_REPLICA) private readonly replica: Redis | null,
  ) {}

  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      providers: [
        { provide: ENV, useValue: options.env },
        // Throws ConfigError (one line naming the setting) before anything else starts.
        { provide: PLATFORM_CONFIG, useValue: loadPlatformConfig(options.env) },
        { provide: CLOCK, useValue: options.clock ?? new SystemClock() },
        // Generated under DATA_DIR on first start when TALLY_MASTER_KEY is not set.
        { provide: MasterKeyring, inject: [PLATFORM_CONFIG], useFactory: (config: PlatformConfig) => loadMasterKeyring(options.env, config.dataDir) },
        {
          provide: REDIS,
          inject: [PLATFORM_CONFIG],
          useFactory: (config: PlatformConfig) => (config.redisUrl ? openRedis(config.redisUrl, 'tally', { tlsCa: config.redisTlsCa }) : null),
        },
        {
          provide: REDIS_REPLICA,
          inject: [PLATFORM_CONFIG],
          useFactory: (config: PlatformConfig) => (config.redisUrl && config.redisReplicaUrl ? openRedis(config.redisReplicaUrl, 'tally-replica', { tlsCa: config.redisTlsCa }) : null),
        },
        // Query results shared by the processes, invalidated by event (docs/scaling.md "Query result cache").
        queryCacheProvider(options.env),
      ],
      exports: [ENV, PLATFORM_CONFIG, CLOCK, REDIS, REDIS_REPLICA, MasterKeyring, QUERY_CACHE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    for (const client of [this.redis, this.replica]) if (client) await client.quit().catch(() => client.disconnect());
  }
}
