import { Global, Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { TallyMetrics } from './metrics.registry';
import { ProjectionLagMetrics } from './projection-lag.metrics';

@Global()
@Module({
  controllers: [MetricsController],
  providers: [TallyMetrics, ProjectionLagMetrics],
  exports: [TallyMetrics],
})
export class ObservabilityModule {}
