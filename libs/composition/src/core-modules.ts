import { DynamicModule, Type } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { EventStoreModule } from '@tally/eventstore';
import { Clock, DatabaseModule, Env, PlatformConfig, PlatformModule } from '@tally/platform';
import { contextModules } from './contexts';
import { databaseSchemas } from './database-schemas';
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
    DatabaseModule.forRoot(databaseSchemas),
    EventStoreModule,
    CqrsModule.forRoot(),
    ...contextModules,
  ];
}
