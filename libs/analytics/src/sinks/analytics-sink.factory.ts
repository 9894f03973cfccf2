import type { AnalyticsConfig } from '../analytics.config';
import { AnalyticsSink } from './analytics-sink.port';
import { JetStreamAnalyticsSink } from './jetstream-analytics-sink';
import { SegmentHttpAnalyticsSink } from './segment-http-analytics-sink';

/** The configured sink; null when the export is off. */
export function createAnalyticsSink(config: AnalyticsConfig): AnalyticsSink | null {
  if (config.sink === 'nats' && config.nats) return new JetStreamAnalyticsSink(config.nats, config.timeoutMs);
  if (config.sink === 'http' && config.http) return new SegmentHttpAnalyticsSink(config.http, config.timeoutMs);
  return null;
}
