import { Global, Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { TallyMetrics } from './metrics.registry';

@Global()
@Module({
  controllers: [MetricsController],
  providers: [TallyMetrics],
  exports: [TallyMetrics],
})
export class ObservabilityModule {}
