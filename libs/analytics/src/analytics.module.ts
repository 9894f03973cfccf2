import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Env, ENV, PLATFORM_CONFIG, PlatformConfig } from '@tally/platform';
import { ANALYTICS_CONFIG, AnalyticsConfig, loadAnalyticsConfig } from './analytics.config';
import { Pseudonymizer } from './domain/pseudonym';
import { AnalyticsExportReactor, analyticsExportReactorFactory } from './reactors/analytics-export/analytics-export.reactor';
import { AnalyticsExportReset } from './reactors/analytics-export/analytics-export-reset';
import { createAnalyticsSink } from './sinks/analytics-sink.factory';
import { ANALYTICS_SINK, AnalyticsSink } from './sinks/analytics-sink.port';

/** Closes the sink's connection with the application. */
class AnalyticsSinkLifecycle implements OnApplicationShutdown {
  constructor(@Inject(ANALYTICS_SINK) private readonly sink: AnalyticsSink | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.sink?.close();
  }
}

/**
 * Analytics export (libs/analytics/README.md): voting's events, PII-free and tenant-tagged, in
 * batches to NATS JetStream (default) or a Segment-compatible HTTP batch API, resumable from a
 * checkpoint, rebuildable from zero (analytics:reset). Off unless a sink is configured.
 */
@Module({
  providers: [
    { provide: ANALYTICS_CONFIG, inject: [ENV, PLATFORM_CONFIG], useFactory: (env: Env, platform: PlatformConfig) => loadAnalyticsConfig(env, platform) },
    { provide: ANALYTICS_SINK, inject: [ANALYTICS_CONFIG], useFactory: (config: AnalyticsConfig) => createAnalyticsSink(config) },
    { provide: Pseudonymizer, inject: [ANALYTICS_CONFIG], useFactory: (config: AnalyticsConfig) => (config.pseudonymKey ? new Pseudonymizer(config.pseudonymKey) : null) },
    { provide: AnalyticsExportReactor, inject: [ANALYTICS_SINK, Pseudonymizer, ANALYTICS_CONFIG], useFactory: analyticsExportReactorFactory },
    AnalyticsSinkLifecycle,
    AnalyticsExportReset,
  ],
  exports: [AnalyticsExportReset],
})
export class AnalyticsModule {}
