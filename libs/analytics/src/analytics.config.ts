import { join } from 'node:path';
import { ConfigError, configuredOrKeptSecret, Env, EnvReader, PlatformConfig } from '@tally/platform';

export type AnalyticsSinkKind = 'nats' | 'http' | 'off';

export interface JetStreamSinkConfig {
  url: string;
  /** The JetStream stream; created (subjects `<subject>.>`) when missing. */
  stream: string;
  /** Subject prefix: events go to `<subject>.<tenantId>.<eventType>`. */
  subject: string;
  /** Duplicate window of a stream this process creates; must outlast a crashed worker's replacement. */
  duplicateWindowMs: number;
}

export interface HttpBatchSinkConfig {
  /** Base URL of a Segment-compatible API; batches go to `<url>/v1/batch`. */
  url: string;
  /** Sent as HTTP basic auth user (empty password), as Segment's write key is. A secret. */
  writeKey: string;
}

export interface AnalyticsConfig {
  sink: AnalyticsSinkKind;
  nats: JetStreamSinkConfig | null;
  http: HttpBatchSinkConfig | null;
  /** Key of the per-tenant user pseudonyms (domain/pseudonym.ts); null while the export is off (no secret asked for). */
  pseudonymKey: Buffer | null;
  /** Events per exported batch (Segment takes up to 500 KB per batch, 32 KB per message). */
  batchSize: number;
  /** One sink call (connect, publish and acks, or the HTTP request) waits at most this long. */
  timeoutMs: number;
}

export const ANALYTICS_CONFIG = Symbol('AnalyticsConfig');

const NAME = /^[A-Za-z0-9_-]+$/;
const SUBJECT = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/**
 * ANALYTICS_SINK picks the sink; without it, JetStream when ANALYTICS_NATS_URL is set (the
 * default sink), else the HTTP batch API when ANALYTICS_HTTP_URL is, else the export is off
 * (no reactor runs, nothing leaves; the checkpoint stays where it was).
 */
export function loadAnalyticsConfig(env: Env, platform: Pick<PlatformConfig, 'dataDir'>): AnalyticsConfig {
  const read = new EnvReader(env);
  const natsUrl = read.url('ANALYTICS_NATS_URL', ['nats', 'tls'])?.toString();
  const httpUrl = read.url('ANALYTICS_HTTP_URL', ['http', 'https'])?.toString().replace(/\/$/, '');
  const sink = read.oneOf<AnalyticsSinkKind>('ANALYTICS_SINK', ['nats', 'http', 'off'], natsUrl ? 'nats' : httpUrl ? 'http' : 'off');
  if (sink === 'nats' && !natsUrl) throw new ConfigError('ANALYTICS_NATS_URL', 'is required with ANALYTICS_SINK=nats');
  if (sink === 'http' && !httpUrl) throw new ConfigError('ANALYTICS_HTTP_URL', 'is required with ANALYTICS_SINK=http');
  const stream = read.string('ANALYTICS_NATS_STREAM', 'TALLY_ANALYTICS');
  if (!NAME.test(stream)) throw new ConfigError('ANALYTICS_NATS_STREAM', 'must be letters, digits, _ and - only');
  const subject = read.string('ANALYTICS_NATS_SUBJECT', 'tally.analytics');
  if (!SUBJECT.test(subject)) throw new ConfigError('ANALYTICS_NATS_SUBJECT', 'must be dot-separated tokens of letters, digits, _ and -');
  const writeKey = read.optionalString('ANALYTICS_HTTP_WRITE_KEY');
  if (sink === 'http' && !writeKey) throw new ConfigError('ANALYTICS_HTTP_WRITE_KEY', 'is required with ANALYTICS_SINK=http');
  return {
    sink,
    nats: sink === 'nats' && natsUrl ? { url: natsUrl, stream, subject, duplicateWindowMs: read.int('ANALYTICS_NATS_DUPLICATE_WINDOW_MS', 600_000, { min: 1_000, max: 86_400_000 }) } : null,
    http: sink === 'http' && httpUrl && writeKey ? { url: httpUrl, writeKey } : null,
    pseudonymKey: sink === 'off' ? null : configuredOrKeptSecret(read, 'ANALYTICS_PSEUDONYM_KEY', join(platform.dataDir, 'analytics-pseudonym-key')),
    batchSize: read.int('ANALYTICS_BATCH_SIZE', 100, { min: 1, max: 500 }),
    timeoutMs: read.int('ANALYTICS_SINK_TIMEOUT_MS', 5_000, { min: 100, max: 120_000 }),
  };
}
