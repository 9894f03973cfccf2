import type { AnalyticsMessage } from '../domain/analytics-message';

/**
 * Where exported events go. `send` resolves only once the sink acknowledged every message of the
 * batch (the reactor moves its checkpoint after that), and throws AnalyticsSinkError otherwise.
 * A batch may be sent again after a crash or a partial failure: the sink dedupes by messageId.
 */
export interface AnalyticsSink {
  readonly name: string;
  send(messages: readonly AnalyticsMessage[]): Promise<void>;
  close(): Promise<void>;
}

export const ANALYTICS_SINK = Symbol('AnalyticsSink');
