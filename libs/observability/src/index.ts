export { ObservabilityModule } from './observability.module';
export { TallyMetrics } from './metrics.registry';
export { registerHttpMetrics } from './http-metrics.hook';
export { OutcomeMetrics, type RequestProblem } from './outcome.metrics';
export { ErrorTracker, type ErrorKind } from '@tally/platform';
export { serveClusterMetrics } from './cluster-metrics';
export { ReplicaLagMonitor } from './replica-lag.monitor';
export { WorkerMetricsServer } from './worker-metrics.server';
export { ReplicaConsistencyJob, type ReplicaComparison } from './replica-consistency.job';
