import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@tally/platform';
import { MetricsScrape } from './cluster-metrics';
import { MetricsAccessGuard } from './metrics-access.guard';

/**
 * Prometheus scrape endpoint. Not a user route (@Public for the user-token guard): it is guarded
 * by the metrics token instead (METRICS_TOKEN; MetricsAccessGuard says who may read it). With
 * API_WORKERS > 1 any worker answers for the whole cluster (MetricsScrape).
 */
@ApiExcludeController()
@Public()
@UseGuards(MetricsAccessGuard)
@Controller('metrics')
export class MetricsController {
  constructor(private readonly scrape: MetricsScrape) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  metrics(): Promise<string> {
    return this.scrape.text();
  }
}
