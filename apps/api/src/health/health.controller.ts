import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { EVENT_STORE, EventStore } from '@tally/eventstore';
import { ApiProblem, PG_POOL, Public, REDIS, WithoutEntityManager } from '@tally/platform';
import Redis from 'ioredis';
import { Pool } from 'pg';
import { LivenessResponse } from './liveness.response.dto';
import { ProjectionLagIndicator, projectionsDegraded } from './projection-lag.indicator';
import { ReadinessResponse } from './readiness.response.dto';

/** Terminus's result, plus `degraded`: serving, with parked events missing from some read models. */
export type ReadinessResult = Omit<HealthCheckResult, 'status'> & { status: HealthCheckResult['status'] | 'degraded' };

@ApiTags('health')
// The probes serve no tenant; an X-Tenant-Id sent anyway is still resolved (404 when unknown).
@Public({ tenant: false })
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly projections: ProjectionLagIndicator,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REDIS) private readonly redis: Redis | null,
  ) {}

  /** 200 while the process runs. */
  @Get('live')
  @WithoutEntityManager()
  @ApiOperation({ summary: 'Liveness probe' })
  @ApiOkResponse({ type: LivenessResponse })
  @ApiProblem(404, 'An X-Tenant-Id was sent and names no tenant.')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * 200 only when every store Tally needs answers and the projections keep up; else 503. A
   * parked event keeps the process routable (every other event still flows, a 503 would only
   * move the traffic to instances sharing the same log) but is reported: 200 with status
   * `degraded` and the parked count per projection, for the operator and the monitors.
   */
  @Get('ready')
  // Terminus's own docs say the 503 body is JSON; it leaves as a problem like every error (ProblemFilter).
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({ summary: 'Readiness probe: stores reachable and projections keeping up' })
  @ApiOkResponse({ type: ReadinessResponse })
  @ApiProblem(503, 'A store is unreachable or a projection is too far behind.')
  @ApiProblem(404, 'An X-Tenant-Id was sent and names no tenant.')
  async ready(): Promise<ReadinessResult> {
    const checks = [
      () => this.probe('database', () => this.pool.query('select 1')),
      () => this.probe('eventStore', () => this.store.ping()),
      () => this.projections.check('projections'),
    ];
    const redis = this.redis;
    if (redis) checks.push(() => this.probe('redis', () => redis.ping()));
    const result = await this.health.check(checks);
    return projectionsDegraded(result, 'projections') ? { ...result, status: 'degraded' } : result;
  }

  private async probe(key: string, call: () => Promise<unknown>): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    const started = Date.now();
    try {
      await withTimeout(call(), 2_000);
      return indicator.up({ latencyMs: Date.now() - started });
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    work.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error instanceof Error ? error : new Error(String(error)))),
    );
  });
}
