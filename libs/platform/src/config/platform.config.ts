import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { ConfigError } from './config-error';
import { withLibpqTlsDefaults } from '../database/pg-tls';
import { EnvReader, Env } from './env-reader';
import { checkTransportSecurity } from './transport-security';

export type ProcessRole = 'all' | 'api' | 'worker';

/** Settings of the platform itself; every context keeps its own beside it. */
export interface PlatformConfig {
  port: number;
  host: string;
  dataDir: string;
  role: ProcessRole;
  /**
   * HTTP worker processes sharing the port through Node's cluster module (API_WORKERS, a number
   * or `auto` = one per core; default 1 = no cluster). Needs DATABASE_URL: the embedded database
   * lives inside one process.
   */
  apiWorkers: number;
  /** Absent: the embedded PGlite database under dataDir. */
  databaseUrl?: string;
  databaseReplicaUrls: string[];
  /**
   * The region of each replica, in DATABASE_REPLICA_URLS order (DATABASE_REPLICA_REGIONS, comma
   * separated; default: every replica in REGION). A request's region (X-Tally-Region, else REGION)
   * reads from a replica of its region first (docs/scaling.md "Regions").
   */
  databaseReplicaRegions: string[];
  /** This process's region (REGION, default `local`). */
  region: string;
  databasePoolSize: number;
  redisUrl?: string;
  /**
   * REDIS_REPLICA_URL: a replica of REDIS_URL for reads that tolerate lag (a leaderboard read that
   * names no log position); writes and read-your-writes stay on REDIS_URL. Ignored without REDIS_URL.
   */
  redisReplicaUrl?: string;
  /**
   * REDIS_TLS_CA_FILE: the CA (PEM) a rediss:// server's certificate must chain to; absent, Node's
   * public CAs. The host name is always checked against the certificate.
   */
  redisTlsCa?: string;
  /**
   * ALLOW_PLAINTEXT_LOOPBACK: in production, PostgreSQL and Redis on this host (loopback, Unix
   * socket) may go without TLS; every other peer needs sslmode=verify-full / rediss:// (docs/security.md).
   */
  plaintextLoopbackAllowed: boolean;
  eventStoreUrl?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Unhandled errors carry their stack into logs, never into responses. */
  production: boolean;
}

export const PLATFORM_CONFIG = Symbol('PlatformConfig');

export function loadPlatformConfig(env: Env): PlatformConfig {
  const read = new EnvReader(env);
  const config: PlatformConfig = {
    port: read.int('PORT', 3000, { min: 0, max: 65535 }),
    host: read.string('HOST', '0.0.0.0'),
    dataDir: resolve(read.string('DATA_DIR', './data')),
    role: read.oneOf('ROLE', ['all', 'api', 'worker'] as const, 'all'),
    apiWorkers: env.API_WORKERS?.trim() === 'auto' ? availableParallelism() : read.int('API_WORKERS', 1, { min: 1, max: 64 }),
    // PGSSLMODE / PGSSLROOTCERT written into the URLs, as libpq reads them (database/pg-tls.ts).
    databaseUrl: optionalMap(read.url('DATABASE_URL', ['postgres', 'postgresql'])?.toString(), (url) => withLibpqTlsDefaults(url, env)),
    databaseReplicaUrls: read.urlList('DATABASE_REPLICA_URLS', ['postgres', 'postgresql']).map((url) => withLibpqTlsDefaults(url.toString(), env)),
    databaseReplicaRegions: [],
    region: read.string('REGION', 'local'),
    databasePoolSize: read.int('DATABASE_POOL_SIZE', 10, { min: 1, max: 200 }),
    redisUrl: read.url('REDIS_URL', ['redis', 'rediss'])?.toString(),
    redisReplicaUrl: read.url('REDIS_REPLICA_URL', ['redis', 'rediss'])?.toString(),
    redisTlsCa: read.optionalPemFile('REDIS_TLS_CA_FILE', 'certificates'),
    plaintextLoopbackAllowed: read.bool('ALLOW_PLAINTEXT_LOOPBACK', false),
    eventStoreUrl: read.url('EVENTSTORE_URL', ['esdb', 'esdb+discover', 'kurrentdb', 'kurrentdb+discover'])?.toString(),
    logLevel: read.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    production: read.oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development') === 'production',
  };
  config.databaseReplicaRegions = replicaRegions(read.optionalString('DATABASE_REPLICA_REGIONS'), config.databaseReplicaUrls.length, config.region);
  checkTransportSecurity(config);
  if (config.apiWorkers > 1 && !config.databaseUrl) throw new ConfigError('API_WORKERS', 'above 1 needs DATABASE_URL (the embedded database lives inside one process)');
  if (config.apiWorkers > 1 && config.role === 'worker') throw new ConfigError('API_WORKERS', 'above 1 is for HTTP processes, not ROLE=worker');
  return config;
}

function optionalMap<T, R>(value: T | undefined, map: (value: T) => R): R | undefined {
  return value === undefined ? undefined : map(value);
}

const REGION_NAME = /^[a-z0-9][a-z0-9-]{0,31}$/;

function replicaRegions(raw: string | undefined, replicas: number, home: string): string[] {
  if (!REGION_NAME.test(home)) throw new ConfigError('REGION', `must be a short lower-case name (letters, digits, -), got "${home}"`);
  if (raw === undefined) return Array.from({ length: replicas }, () => home);
  const regions = raw.split(',').map((region) => region.trim());
  if (regions.length !== replicas) throw new ConfigError('DATABASE_REPLICA_REGIONS', `names ${regions.length} region(s) for ${replicas} replica(s) in DATABASE_REPLICA_URLS`);
  const bad = regions.find((region) => !REGION_NAME.test(region));
  if (bad !== undefined) throw new ConfigError('DATABASE_REPLICA_REGIONS', `must be short lower-case names (letters, digits, -), got "${bad}"`);
  return regions;
}
