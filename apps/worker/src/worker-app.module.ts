import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { EventStoreModule, eventStoreSchema, projectionsSchema } from '@tally/eventstore';
import { Clock, DatabaseModule, Env, loadPlatformConfig, PlatformModule } from '@tally/platform';
import { contextModules, contextSchemas } from '../../api/src/contexts';
import { loggerParams } from '../../api/src/http/logger.config';
import { WorkerModule } from './worker.module';

export interface WorkerAppOptions {
  env: Env;
  clock?: Clock;
}

/**
 * The ROLE=worker process: the same contexts and schema as the API (apps/api/src/contexts.ts),
 * no HTTP server. The contexts' projections are found by discovery, wherever they are declared.
 */
@Module({})
export class WorkerAppModule {
  static forRoot(options: WorkerAppOptions): DynamicModule {
    const config = loadPlatformConfig(options.env);
    return {
      module: WorkerAppModule,
      imports: [
        PlatformModule.forRoot(options),
        LoggerModule.forRoot(loggerParams(config)),
        DatabaseModule.forRoot([eventStoreSchema, projectionsSchema, ...contextSchemas]),
        EventStoreModule,
        CqrsModule.forRoot(),
        WorkerModule,
        ...contextModules,
      ],
    };
  }
}
