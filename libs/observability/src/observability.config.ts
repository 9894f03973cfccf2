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
}

export const OBSERVABILITY_CONFIG = Symbol('ObservabilityConfig');

export function loadObservabilityConfig(env: Env): ObservabilityConfig {
  const read = new EnvReader(env);
  const token = read.optionalString('METRICS_TOKEN');
  if (token !== undefined) {
    // As long as the other secrets: it is compared in constant time, but must not be guessable.
    if (Buffer.byteLength(token) < 32) throw new ConfigError('METRICS_TOKEN', 'must be at least 32 characters');
    return { metrics: { mode: 'token', token: Buffer.from(token, 'utf8') } };
  }
  return { metrics: { mode: read.optionalString('NODE_ENV') === 'production' ? 'off' : 'open' } };
}
