import { readFileSync } from 'node:fs';
import { checkServerIdentity, ConnectionOptions, PeerCertificate } from 'node:tls';
import { Env } from '../config/env-reader';

/** What every pg client of Tally is given: the URL without its TLS parameters, and the TLS settings they describe. */
export interface PgConnectionConfig {
  connectionString: string;
  ssl: false | ConnectionOptions;
}

/** The URL parameters that describe TLS; read here and removed from the URL handed to pg. */
const TLS_PARAMETERS = ['sslmode', 'sslrootcert', 'sslcert', 'sslkey'] as const;

/** The sslmode values Tally understands (libpq's, without the ones that may fall back to plaintext). */
const SSL_MODES = ['disable', 'require', 'verify-ca', 'verify-full', 'no-verify'] as const;
export type PgSslMode = (typeof SSL_MODES)[number];

/** Thrown when a PostgreSQL URL's TLS parameters cannot be used; the config turns it into a ConfigError. */
export class PgTlsError extends Error {}

/**
 * libpq's environment defaults written into the URL, as libpq applies them: PGSSLMODE and
 * PGSSLROOTCERT fill in sslmode and sslrootcert when the URL names none. The URL then says all
 * there is to know, and every pool built from it (pg, MikroORM, the lock and LISTEN clients)
 * connects the same way without reading the environment again.
 */
export function withLibpqTlsDefaults(url: string, env: Env): string {
  const parsed = new URL(url);
  const defaults: [string, string | undefined][] = [
    ['sslmode', env.PGSSLMODE?.trim()],
    ['sslrootcert', env.PGSSLROOTCERT?.trim()],
  ];
  for (const [name, value] of defaults) if (value && !parsed.searchParams.has(name)) parsed.searchParams.set(name, value);
  return parsed.toString();
}

/** The URL's sslmode (absent: disable — node-postgres does not try TLS unless asked). */
export function pgSslMode(url: string): PgSslMode {
  const mode = new URL(url).searchParams.get('sslmode') ?? 'disable';
  if ((SSL_MODES as readonly string[]).includes(mode)) return mode as PgSslMode;
  // prefer and allow mean "plaintext if TLS fails" in libpq; node-postgres cannot fall back.
  throw new PgTlsError(`sslmode=${mode} is not supported: use disable, require, verify-ca or verify-full`);
}

/**
 * The pg settings a URL's sslmode, sslrootcert, sslcert and sslkey mean, with libpq's meaning
 * rather than node-postgres's (which checks an IP address host against the name "localhost"
 * and treats require as verify-full):
 * - verify-full: the server's certificate chains to sslrootcert (else Node's public CAs) and
 *   names the URL's host (DNS name or IP address);
 * - verify-ca: chains to the CA, any name;
 * - require / no-verify: encrypted, not authenticated (require with sslrootcert is verify-ca, as in libpq);
 * - disable (or none): plaintext.
 * Certificate files are read here, so an unreadable one is reported at start.
 */
export function pgConnectionConfig(url: string): PgConnectionConfig {
  const parsed = new URL(url);
  const mode = pgSslMode(url);
  const files = {
    ca: readPem(parsed, 'sslrootcert'),
    cert: readPem(parsed, 'sslcert'),
    key: readPem(parsed, 'sslkey'),
  };
  for (const name of TLS_PARAMETERS) parsed.searchParams.delete(name);
  const connectionString = parsed.toString();
  if (mode === 'disable') return { connectionString, ssl: false };
  const host = decodeURIComponent(parsed.hostname).replace(/^\[(.*)\]$/, '$1');
  const verifyCa = mode === 'verify-ca' || (mode === 'require' && files.ca !== undefined);
  const ssl: ConnectionOptions = {
    ...definedOnly(files),
    rejectUnauthorized: mode === 'verify-full' || verifyCa,
    checkServerIdentity: mode === 'verify-full' ? (_name: string, cert: PeerCertificate) => checkServerIdentity(host, cert) : () => undefined,
  };
  return { connectionString, ssl };
}

function readPem(url: URL, parameter: string): string | undefined {
  const path = url.searchParams.get(parameter);
  // libpq's sslrootcert=system: the platform's trusted CAs, which is what Node uses without `ca`.
  if (path === null || path === '' || (parameter === 'sslrootcert' && path === 'system')) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new PgTlsError(`${parameter} ${path} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function definedOnly(files: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
