export { ObservabilityModule } from './observability.module';
export { TallyMetrics } from './metrics.registry';
export { registerHttpMetrics } from './http-metrics.hook';
