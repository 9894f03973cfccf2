import { Global, Module } from '@nestjs/common';
import { ENV, Env, ErrorTracker } from '@tally/platform';
import { BackgroundWorkMetrics } from './background-work.metrics';
import { MetricsScrape } from './cluster-metrics';
import { MetricsAccessGuard } from './metrics-access.guard';
import { MetricsController } from './metrics.controller';
import { TallyMetrics } from './metrics.registry';
import { loadObservabilityConfig, OBSERVABILITY_CONFIG } from './observability.config';
import './observability.errors';
import { OutcomeMetrics } from './outcome.metrics';
import { ProjectionLagMetrics } from './projection-lag.metrics';
import { ReplicaConsistencyJob } from './replica-consistency.job';
import { ReplicaLagMonitor } from './replica-lag.monitor';
import { SubscriptionQuotaMetrics } from './subscription-quota.metrics';
import { WorkerMetricsServer } from './worker-metrics.server';

/**
 * The process's metrics (TallyMetrics, provided to every context), error tracking, and serving
 * them: GET /metrics on the API, METRICS_PORT on ROLE=worker. Imported by both apps.
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    { provide: OBSERVABILITY_CONFIG, inject: [ENV], useFactory: (env: Env) => loadObservabilityConfig(env) },
    MetricsAccessGuard,
    TallyMetrics,
    { provide: ErrorTracker, inject: [TallyMetrics], useFactory: (metrics: TallyMetrics) => new ErrorTracker(metrics) },
    MetricsScrape,
    OutcomeMetrics,
    ProjectionLagMetrics,
    BackgroundWorkMetrics,
    SubscriptionQuotaMetrics,
    ReplicaLagMonitor,
    ReplicaConsistencyJob,
    WorkerMetricsServer,
  ],
  exports: [TallyMetrics, ErrorTracker, OutcomeMetrics, ReplicaLagMonitor, ReplicaConsistencyJob, WorkerMetricsServer],
})
export class ObservabilityModule {}
