import { Injectable } from '@nestjs/common';
import { ProjectionStatusService } from '@tally/eventstore';
import { Gauge } from 'prom-client';
import { TallyMetrics } from './metrics.registry';

/** Projection lag, read at scrape time (alerts.yml: ProjectionLagHigh). */
// aggregator 'max': read from the shared database, every cluster worker reads the same value (not a sum).
@Injectable()
export class ProjectionLagMetrics {
  constructor(metrics: TallyMetrics, status: ProjectionStatusService) {
    const lagSeconds = new Gauge({
      name: 'tally_projection_lag_seconds',
      help: 'How long the oldest event a projection has not applied has waited',
      labelNames: ['projection'] as const,
      registers: [metrics.registry],
      aggregator: 'max',
    });
    const parked = new Gauge({
      name: 'tally_projection_parked_events',
      help: 'Events a projection could not apply and parked (retried in the background, then left for an operator)',
      labelNames: ['projection'] as const,
      registers: [metrics.registry],
      aggregator: 'max',
    });
    const lagEvents = new Gauge({
      name: 'tally_projection_lag_events',
      help: 'Events a projection has not applied yet (capped)',
      labelNames: ['projection'] as const,
      registers: [metrics.registry],
      aggregator: 'max',
      collect: async () => {
        for (const projection of await status.statuses()) {
          lagEvents.set({ projection: projection.name }, projection.eventsBehind);
          lagSeconds.set({ projection: projection.name }, projection.secondsBehind);
          parked.set({ projection: projection.name }, projection.parkedEvents);
        }
      },
    });
  }
}
