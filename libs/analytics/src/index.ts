// The only import surface of the analytics context.
export { AnalyticsModule } from './analytics.module';
export { analyticsResetCommand } from './cli/analytics-reset.command';
export { AnalyticsExportReset } from './reactors/analytics-export/analytics-export-reset';
export { ANALYTICS_EXPORT } from './reactors/analytics-export/analytics-export.reactor';
export type { AnalyticsMessage } from './domain/analytics-message';
export { EXPORT_ALLOW_LIST, EXPORTED_EVENT_TYPES } from './domain/export-allow-list';
