import { ConfigError, Env, EnvReader } from '@tally/platform';

/**
 * Who may read GET /metrics:
 * - `token`: METRICS_TOKEN is set; a scrape must send `Authorization: Bearer <METRICS_TOKEN>`.
 * - `open`: no token outside production, so a local Prometheus (and a developer) need nothing.
 * - `off`: no token with NODE_ENV=production. The metrics are not served on the public port at
 *   all (404): they name routes, rates and projection lag, which is nobody else's business.
 */
export type MetricsAccess = { mode: 'token'; token: Buffer } | { mode: 'open' } | { mode: 'off' };

export interface ObservabilityConfig {
  metrics: MetricsAccess;
  /**
   * ROLE=worker has no HTTP server of its own; with METRICS_PORT set it serves GET /metrics
   * there (same access rule, HOST as the address; 0 picks a free port, logged at start).
   * Absent: the worker's metrics are not served.
   */
  workerMetricsPort: number | null;
  /** A read replica further behind than this is taken out of rotation (REPLICA_MAX_LAG_MS, default 5 s: the SPEC's alert). */
  replicaMaxLagMs: number;
  /** How often replica lag is measured (REPLICA_LAG_CHECK_MS). */
  replicaLagCheckMs: number;
  /** How often the cross-region consistency check compares replicas with the primary (REPLICA_CONSISTENCY_INTERVAL_MS, default 1 h). */
  replicaConsistencyIntervalMs: number;
}

export const OBSERVABILITY_CONFIG = Symbol('ObservabilityConfig');

export function loadObservabilityConfig(env: Env): ObservabilityConfig {
  const read = new EnvReader(env);
  const workerMetricsPort = read.optionalString('METRICS_PORT') === undefined ? null : read.int('METRICS_PORT', 0, { min: 0, max: 65535 });
  const replicaMaxLagMs = read.int('REPLICA_MAX_LAG_MS', 5000, { min: 1, max: 3_600_000 });
  const replicaLagCheckMs = read.int('REPLICA_LAG_CHECK_MS', 1000, { min: 50, max: 600_000 });
  const replicaConsistencyIntervalMs = read.int('REPLICA_CONSISTENCY_INTERVAL_MS', 3_600_000, { min: 1000 });
  const token = read.optionalString('METRICS_TOKEN');
  if (token !== undefined) {
    // As long as the other secrets: it is compared in constant time, but must not be guessable.
    if (Buffer.byteLength(token) < 32) throw new ConfigError('METRICS_TOKEN', 'must be at least 32 characters');
    return { metrics: { mode: 'token', token: Buffer.from(token, 'utf8') }, workerMetricsPort, replicaMaxLagMs, replicaLagCheckMs, replicaConsistencyIntervalMs };
  }
  return { metrics: { mode: read.optionalString('NODE_ENV') === 'production' ? 'off' : 'open' }, workerMetricsPort, replicaMaxLagMs, replicaLagCheckMs, replicaConsistencyIntervalMs };
}
