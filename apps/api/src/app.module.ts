import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ProjectionsModule } from '@tally/eventstore';
import { JobsModule } from '@tally/jobs';
import { ObservabilityModule } from '@tally/observability';
import { loadPlatformConfig } from '@tally/platform';
import { coreModules, CoreOptions, WorkerModule } from '@tally/composition';
import { HealthController } from './health/health.controller';
import { ProjectionLagIndicator } from './health/projection-lag.indicator';
import { ProblemFilter } from './http/problem.filter';

export type AppOptions = CoreOptions;

/**
 * The whole of Tally in one module graph. ROLE decides what runs: `api` serves HTTP only,
 * `worker` runs projections and jobs only, `all` (default) does both in one process.
 */
@Module({})
export class AppModule {
  static forRoot(options: AppOptions): DynamicModule {
    const config = loadPlatformConfig(options.env);
    const runsWorker = config.role !== 'api';
    return {
      module: AppModule,
      imports: [
        ...coreModules(options, config),
        TerminusModule,
        ObservabilityModule,
        // The one place ROLE decides what runs in the background: projections, reactors and
        // scheduled jobs run only where ROLE includes the worker; an API-only process still
        // reports on them (readiness, GET /api/admin/jobs).
        ...(runsWorker ? [WorkerModule] : [ProjectionsModule.forRoot({ run: false }), JobsModule.forRoot({ run: false })]),
      ],
      controllers: [HealthController],
      providers: [ProblemFilter, ProjectionLagIndicator],
    };
  }
}
