import { Global, Module } from '@nestjs/common';
import { ENV, Env } from '@tally/platform';
import { BackgroundWorkMetrics } from './background-work.metrics';
import { MetricsAccessGuard } from './metrics-access.guard';
import { MetricsController } from './metrics.controller';
import { TallyMetrics } from './metrics.registry';
import { loadObservabilityConfig, OBSERVABILITY_CONFIG } from './observability.config';
import './observability.errors';
import { ProjectionLagMetrics } from './projection-lag.metrics';
import { SubscriptionQuotaMetrics } from './subscription-quota.metrics';

@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    { provide: OBSERVABILITY_CONFIG, inject: [ENV], useFactory: (env: Env) => loadObservabilityConfig(env) },
    MetricsAccessGuard,
    TallyMetrics,
    ProjectionLagMetrics,
    BackgroundWorkMetrics,
    SubscriptionQuotaMetrics,
  ],
  exports: [TallyMetrics],
})
export class ObservabilityModule {}
