import { DynamicModule, Type } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { EventStoreModule, eventStoreSchema, projectionsSchema } from '@tally/eventstore';
import { jobsSchema } from '@tally/jobs';
import { Clock, DatabaseModule, Env, PlatformConfig, PlatformModule } from '@tally/platform';
import { contextModules, contextSchemas } from './contexts';
import { loggerParams } from './logger.config';

export interface CoreOptions {
  env: Env;
  clock?: Clock;
}

/**
 * What every Tally process (API, worker) is built on: config, logs, the database with every
 * context's schema, the event store, the command bus, and the contexts themselves.
 */
export function coreModules(options: CoreOptions, config: PlatformConfig): (DynamicModule | Type)[] {
  return [
    PlatformModule.forRoot(options),
    LoggerModule.forRoot(loggerParams(config)),
    DatabaseModule.forRoot([eventStoreSchema, projectionsSchema, jobsSchema, ...contextSchemas]),
    EventStoreModule,
    CqrsModule.forRoot(),
    ...contextModules,
  ];
}
