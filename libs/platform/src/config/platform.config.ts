import { resolve } from 'node:path';
import { EnvReader, Env } from './env-reader';

export type ProcessRole = 'all' | 'api' | 'worker';

/** Settings of the platform itself; every context keeps its own beside it. */
export interface PlatformConfig {
  port: number;
  host: string;
  dataDir: string;
  role: ProcessRole;
  /** Absent: the embedded PGlite database under dataDir. */
  databaseUrl?: string;
  databaseReplicaUrls: string[];
  databasePoolSize: number;
  redisUrl?: string;
  eventStoreUrl?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Unhandled errors carry their stack into logs, never into responses. */
  production: boolean;
}

export const PLATFORM_CONFIG = Symbol('PlatformConfig');

export function loadPlatformConfig(env: Env): PlatformConfig {
  const read = new EnvReader(env);
  return {
    port: read.int('PORT', 3000, { min: 0, max: 65535 }),
    host: read.string('HOST', '0.0.0.0'),
    dataDir: resolve(read.string('DATA_DIR', './data')),
    role: read.oneOf('ROLE', ['all', 'api', 'worker'] as const, 'all'),
    databaseUrl: read.url('DATABASE_URL', ['postgres', 'postgresql'])?.toString(),
    databaseReplicaUrls: read.urlList('DATABASE_REPLICA_URLS', ['postgres', 'postgresql']).map(String),
    databasePoolSize: read.int('DATABASE_POOL_SIZE', 10, { min: 1, max: 200 }),
    redisUrl: read.url('REDIS_URL', ['redis', 'rediss'])?.toString(),
    eventStoreUrl: read.url('EVENTSTORE_URL', ['esdb', 'esdb+discover', 'kurrentdb', 'kurrentdb+discover'])?.toString(),
    logLevel: read.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    production: read.oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development') === 'production',
  };
}
