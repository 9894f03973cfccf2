import { Env, EnvReader } from '@tally/platform';

export interface AuditConfig {
  /** false: no access_logs rows (benchmarks measure the vote path with and without). */
  accessLogEnabled: boolean;
  /** Access log lines are written in one multi-row INSERT at most this often, off the request path. */
  accessLogFlushMs: number;
  /** Lines waiting in memory at most; past it new ones are dropped and counted while the database is slow. */
  accessLogBufferMax: number;
  /** The weekly archival job moves audit_logs rows older than this to gzip archive files. */
  archiveAfterDays: number;
}

export const AUDIT_CONFIG = Symbol('AuditConfig');

export function loadAuditConfig(env: Env): AuditConfig {
  const read = new EnvReader(env);
  return {
    accessLogEnabled: read.bool('ACCESS_LOG_ENABLED', true),
    accessLogFlushMs: read.int('ACCESS_LOG_FLUSH_MS', 1000, { min: 10, max: 60_000 }),
    accessLogBufferMax: read.int('ACCESS_LOG_BUFFER_MAX', 50_000, { min: 100, max: 1_000_000 }),
    archiveAfterDays: read.int('AUDIT_ARCHIVE_AFTER_DAYS', 90, { min: 1, max: 36_500 }),
  };
}
