import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { ProjectionStatusService } from '@tally/eventstore';

/** Projections count as usable unless a worker keeps failing or lags past the configured bound. */
@Injectable()
export class ProjectionLagIndicator {
  constructor(
    private readonly status: ProjectionStatusService,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    try {
      const readiness = await this.status.readiness();
      const lag = Object.fromEntries(
        readiness.projections.map((projection) => [projection.name, { eventsBehind: projection.eventsBehind, secondsBehind: projection.secondsBehind, parked: projection.parkedEvents }]),
      );
      return readiness.ready ? indicator.up({ lag }) : indicator.down({ problems: readiness.problems, lag });
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
