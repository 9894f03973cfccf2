import { Test, TestingModule } from '@nestjs/testing';
import { EventStoreModule, eventStoreSchema, ProjectionsModule, projectionsSchema } from '@tally/eventstore';
import { jobsSchema } from '@tally/jobs';
import { DatabaseModule, PlatformModule } from '@tally/platform';
import { AnalyticsModule } from '../analytics.module';
import { ANALYTICS_CONFIG, AnalyticsConfig } from '../analytics.config';
import { createAnalyticsSink } from '../sinks/analytics-sink.factory';
import { ANALYTICS_SINK, AnalyticsSink } from '../sinks/analytics-sink.port';
import type { AnalyticsMessage } from '../domain/analytics-message';

/** A quick runner: small batches, short polls and backoffs, parked events left for the test. */
export const ANALYTICS_TEST_ENV = {
  DATABASE_POOL_SIZE: '4',
  PROJECTIONS_POLL_MS: '20',
  PROJECTIONS_SKIP_PERSIST_MS: '600000',
  PROJECTIONS_MAX_ATTEMPTS: '2',
  PROJECTIONS_QUICK_RETRY_MS: '2',
  PROJECTIONS_RETRY_BASE_MS: '20',
  PROJECTIONS_RETRY_MAX_MS: '200',
  PROJECTIONS_PARKED_MAX_RETRIES: '0',
  PROJECTIONS_PARKED_POLL_MS: '50',
  PROJECTIONS_LOCK_RETRY_MS: '50',
  ANALYTICS_BATCH_SIZE: '10',
  ANALYTICS_SINK_TIMEOUT_MS: '2000',
  ANALYTICS_PSEUDONYM_KEY: 'analytics-test-key-of-at-least-32-characters',
};

/**
 * The sink, killed with SIGKILL right after its `killAfterBatches`-th acknowledged batch and
 * before the runner moves the checkpoint past it: the worst moment for exactly-once.
 */
class SelfKillingSink implements AnalyticsSink {
  readonly name: string;
  private acked = 0;

  constructor(
    private readonly inner: AnalyticsSink,
    private readonly killAfterBatches: number,
  ) {
    this.name = inner.name;
  }

  async send(messages: readonly AnalyticsMessage[]): Promise<void> {
    await this.inner.send(messages);
    if (++this.acked >= this.killAfterBatches) process.kill(process.pid, 'SIGKILL');
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/** One process running (or only booting) the analytics export over a test database. */
export async function startAnalyticsApp(databaseUrl: string, options: { run: boolean; env?: Record<string, string>; killAfterBatches?: number }): Promise<TestingModule> {
  const env = { DATABASE_URL: databaseUrl, ...ANALYTICS_TEST_ENV, ...options.env };
  // jobsSchema: MikroORM refuses to start without any entity, and the export has none of its own.
  let builder = Test.createTestingModule({
    imports: [PlatformModule.forRoot({ env }), DatabaseModule.forRoot([eventStoreSchema, projectionsSchema, jobsSchema]), EventStoreModule, ProjectionsModule.forRoot({ run: options.run }), AnalyticsModule],
  });
  const killAfter = options.killAfterBatches;
  if (killAfter !== undefined) {
    builder = builder.overrideProvider(ANALYTICS_SINK).useFactory({
      inject: [ANALYTICS_CONFIG],
      factory: (config: AnalyticsConfig) => {
        const sink = createAnalyticsSink(config);
        return sink ? new SelfKillingSink(sink, killAfter) : null;
      },
    });
  }
  const app = await builder.compile();
  app.useLogger(false);
  await app.init();
  return app;
}
