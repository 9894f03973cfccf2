import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@tally/platform';
import { MetricsAccessGuard } from './metrics-access.guard';
import { TallyMetrics } from './metrics.registry';

/**
 * Prometheus scrape endpoint. Not a user route (@Public for the user-token guard): it is guarded
 * by the metrics token instead (METRICS_TOKEN; MetricsAccessGuard says who may read it).
 */
@ApiExcludeController()
@Public()
@UseGuards(MetricsAccessGuard)
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: TallyMetrics) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
