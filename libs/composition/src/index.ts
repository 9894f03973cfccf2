// The module graph the three apps (api, worker, cli) share. It is not a bounded context: it
// composes them, so that no app imports another app's src (docs/architecture.md "Boundaries").
export { contextModules, contextSchemas } from './contexts';
export { databaseSchemas } from './database-schemas';
export { coreModules } from './core-modules';
export type { CoreOptions } from './core-modules';
export { loggerParams, REDACTED_PATHS } from './logger.config';
export { WorkerModule } from './worker.module';
