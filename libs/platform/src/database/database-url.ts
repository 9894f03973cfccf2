import { Pool } from 'pg';
import { pgConnectionConfig } from './pg-tls';

/** Opens a pg pool with the settings every Tally pool shares; the URL's sslmode decides TLS (pg-tls.ts). */
export function openPool(url: string, options: { max: number; applicationName: string }): Pool {
  const pool = new Pool({
    ...pgConnectionConfig(url),
    max: options.max,
    application_name: options.applicationName,
    // A query that waits on a lock another of our own connections holds would hang for ever
    // on PGlite; a timeout turns that mistake into a loud error.
    query_timeout: 30_000,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client whose connection drops (server restart, failover, terminated backend) is
  // discarded by the pool and the next query opens a new one; with no listener its 'error'
  // event would crash the process instead.
  pool.on('error', () => undefined);
  return pool;
}
