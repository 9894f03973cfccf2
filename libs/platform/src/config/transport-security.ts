import { isIP } from 'node:net';
import { pgConnectionConfig, PgSslMode, pgSslMode, PgTlsError } from '../database/pg-tls';
import { ConfigError } from './config-error';

/** What the transport rules need to know about one process's settings. */
export interface TransportSettings {
  production: boolean;
  /** ALLOW_PLAINTEXT_LOOPBACK: production may reach a peer on this host without TLS. */
  plaintextLoopbackAllowed: boolean;
  databaseUrl?: string;
  databaseReplicaUrls: string[];
  redisUrl?: string;
  /** Used only beside redisUrl. */
  redisReplicaUrl?: string;
}

/**
 * Connections leave the host encrypted and authenticated in production: every PostgreSQL URL
 * must ask for sslmode=verify-full (the server's certificate chains to a trusted CA and names the
 * host we dialled) and every Redis URL must be rediss://. Anything else stops the start with one
 * line naming the variable, before a byte is sent.
 *
 * The one exception, ALLOW_PLAINTEXT_LOOPBACK=true, covers peers on this very host (127.0.0.0/8,
 * ::1, localhost, a Unix socket): a local TLS-terminating proxy (Cloud SQL Auth Proxy, stunnel,
 * a pgbouncer sidecar) or a production-mode test against the machine's own servers. Traffic that
 * never leaves the host gains nothing from TLS; a remote host is refused whatever it says.
 *
 * Outside production the URLs are only checked for being usable (a known sslmode, readable
 * certificate files).
 */
export function checkTransportSecurity(settings: TransportSettings): void {
  if (settings.databaseUrl) checkPostgres('DATABASE_URL', settings.databaseUrl, settings);
  settings.databaseReplicaUrls.forEach((url, index) => checkPostgres(`DATABASE_REPLICA_URLS[${index}]`, url, settings));
  if (!settings.redisUrl) return;
  checkRedis('REDIS_URL', settings.redisUrl, settings);
  if (settings.redisReplicaUrl) checkRedis('REDIS_REPLICA_URL', settings.redisReplicaUrl, settings);
}

function checkPostgres(variable: string, url: string, settings: TransportSettings): void {
  const mode = usableSslMode(variable, url);
  if (!settings.production || mode === 'verify-full' || exempt(postgresHost(url), settings)) return;
  throw new ConfigError(variable, `must use sslmode=verify-full with NODE_ENV=production (got sslmode=${mode}): add ?sslmode=verify-full&sslrootcert=<CA file> (or set PGSSLMODE and PGSSLROOTCERT)`);
}

/** The URL's sslmode, once its certificate files are known to be readable. */
function usableSslMode(variable: string, url: string): PgSslMode {
  try {
    pgConnectionConfig(url);
    return pgSslMode(url);
  } catch (error) {
    if (error instanceof PgTlsError) throw new ConfigError(variable, error.message);
    throw error;
  }
}

function checkRedis(variable: string, url: string, settings: TransportSettings): void {
  const parsed = new URL(url);
  if (!settings.production || parsed.protocol === 'rediss:' || exempt(parsed.hostname, settings)) return;
  throw new ConfigError(variable, `must be a rediss:// (TLS) URL with NODE_ENV=production, got ${parsed.protocol}//`);
}

function exempt(host: string, settings: TransportSettings): boolean {
  return settings.plaintextLoopbackAllowed && isLoopbackHost(host);
}

/** The host a pg URL dials: its host name, or the Unix socket directory named by ?host=. */
function postgresHost(url: string): string {
  const parsed = new URL(url);
  return parsed.hostname || (parsed.searchParams.get('host') ?? '');
}

/** A peer on this host: a loopback address or name, or a Unix socket path. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare.startsWith('/')) return true;
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || bare === '0:0:0:0:0:0:0:1';
  return false;
}
