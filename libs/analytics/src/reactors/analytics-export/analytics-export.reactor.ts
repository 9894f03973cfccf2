import { BatchReactor, RecordedEvent, REGISTERED_REACTOR } from '@tally/eventstore';
import { WITHOUT_SCREENING } from '@tally/voting';
import type { AnalyticsConfig } from '../../analytics.config';
import { AnalyticsMessage, toAnalyticsMessage } from '../../domain/analytics-message';
import { EXPORTED_EVENT_TYPES, EXPORTED_STREAM_PREFIXES } from '../../domain/export-allow-list';
import { Pseudonymizer } from '../../domain/pseudonym';
import { AnalyticsSink } from '../../sinks/analytics-sink.port';

export const ANALYTICS_EXPORT = 'analytics.export';

/**
 * Exports voting's events to the analytics sink, PII-free and tenant-tagged (domain/), a batch at
 * a time, in log order. It runs on the projection runner as a batch reactor: the checkpoint
 * (es_checkpoints, `analytics.export`) moves past a batch only after the sink acknowledged all of
 * it, so a restart resumes with no gap; what a crash between the ack and the checkpoint sends
 * again carries the same messageIds, which the sink dedupes (JetStream's duplicate window; the
 * HTTP API's messageId). `npm run cli -- analytics:reset` sends everything again from the start.
 */
export class AnalyticsExportReactor implements BatchReactor {
  readonly name = ANALYTICS_EXPORT;
  readonly filter = { streamPrefixes: EXPORTED_STREAM_PREFIXES, eventTypes: EXPORTED_EVENT_TYPES };
  // The allow-list never exports fraud screening (export-allow-list.ts).
  readonly omitData = WITHOUT_SCREENING;

  constructor(
    private readonly sink: AnalyticsSink,
    private readonly pseudonyms: Pseudonymizer,
    readonly batchSize: number,
  ) {}

  async reactBatch(events: readonly RecordedEvent[]): Promise<void> {
    const messages = events.map((event) => toAnalyticsMessage(event, this.pseudonyms)).filter((message): message is AnalyticsMessage => message !== null);
    await this.sink.send(messages);
  }

  react(event: RecordedEvent): Promise<void> {
    return this.reactBatch([event]);
  }
}

/**
 * The reactor when a sink is configured, else null (and nothing runs). A factory provider's
 * wrapper carries the factory, not the class, so the runner's discovery finds the reactor
 * through this mark on the factory (@RegisteredReactor's metadata); a null instance is skipped.
 */
export function analyticsExportReactorFactory(sink: AnalyticsSink | null, pseudonyms: Pseudonymizer | null, config: Pick<AnalyticsConfig, 'batchSize'>): AnalyticsExportReactor | null {
  return sink && pseudonyms ? new AnalyticsExportReactor(sink, pseudonyms, config.batchSize) : null;
}
Reflect.defineMetadata(REGISTERED_REACTOR, true, analyticsExportReactorFactory);
