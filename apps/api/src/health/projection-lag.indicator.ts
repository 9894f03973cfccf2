import { Injectable } from '@nestjs/common';
import { HealthCheckResult, HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { ProjectionStatusService } from '@tally/eventstore';

/**
 * Projections count as usable unless a worker keeps failing (down, or stalled) or lags past the
 * configured bound. Parked events do not make them unusable: the indicator stays up and says
 * `degraded`, with the parked count per projection, and the controller reports it.
 */
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
      const parked = { degraded: readiness.degraded, parked: readiness.parked, warnings: readiness.warnings };
      return readiness.ready ? indicator.up({ ...parked, lag }) : indicator.down({ problems: readiness.problems, ...parked, lag });
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}

/** Whether a passing health check's projections indicator (under `key`) reported parked events. */
export function projectionsDegraded(result: HealthCheckResult, key: string): boolean {
  return result.status === 'ok' && result.details[key]?.degraded === true;
}
