import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ScheduleModule } from '@nestjs/schedule';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { EventStoreModule, eventStoreSchema, ProjectionsModule, projectionsSchema } from '@tally/eventstore';
import { WorkerModule } from '../../worker/src/worker.module';
import { ObservabilityModule } from '@tally/observability';
import { Clock, DatabaseModule, loadPlatformConfig, PlatformModule, Env } from '@tally/platform';
import { contextModules, contextSchemas } from './contexts';
import { HealthController } from './health/health.controller';
import { ProjectionLagIndicator } from './health/projection-lag.indicator';
import { loggerParams } from './http/logger.config';
import { ProblemFilter } from './http/problem.filter';

export interface AppOptions {
  env: Env;
  clock?: Clock;
}

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
        PlatformModule.forRoot(options),
        LoggerModule.forRoot(loggerParams(config)),
        DatabaseModule.forRoot([eventStoreSchema, projectionsSchema, ...contextSchemas]),
        EventStoreModule,
        CqrsModule.forRoot(),
        TerminusModule,
        ObservabilityModule,
        // Projections and scheduled jobs run only where ROLE includes the worker; an API-only
        // process still reports projection status for readiness.
        // The schedule registry stays available (contexts' job classes check ROLE themselves).
        ...(runsWorker ? [WorkerModule] : [ProjectionsModule.forRoot({ run: false }), ScheduleModule.forRoot()]),
        ...contextModules,
      ],
      controllers: [HealthController],
      providers: [ProblemFilter, ProjectionLagIndicator],
    };
  }
}
