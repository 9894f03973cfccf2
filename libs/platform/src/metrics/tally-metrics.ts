import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * One Prometheus registry per process, and the metrics more than one context records into.
 * It lives in the platform so that any context can count into it (a context cannot import
 * @tally/observability, which reads several contexts' state); ObservabilityModule provides
 * the one instance and serves it (libs/observability/README.md has the naming conventions).
 * Metric names are what docker/prometheus/alerts.yml alerts on: keep them stable.
 */
export class TallyMetrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'tally_http_requests_total',
    help: 'HTTP requests by route, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'tally_http_request_duration_seconds',
    help: 'HTTP request latency by route and method (p50/p95/p99 with histogram_quantile)',
    labelNames: ['route', 'method'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  /** Every query through a platform pg pool (openPool): the event store's appends and reads, projections, jobs. */
  readonly dbQueryDuration = new Histogram({
    name: 'tally_db_query_duration_seconds',
    help: 'PostgreSQL query latency on the platform pools, by pool role and outcome (ok, error)',
    labelNames: ['pool', 'outcome'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [this.registry],
  });

  /** Scheduled job runs (kind="job") and async tasks (kind="task"). */
  readonly jobDuration = new Histogram({
    name: 'tally_job_duration_seconds',
    help: 'Background work processing time, by kind (job, task), name and outcome (succeeded, failed)',
    labelNames: ['kind', 'name', 'outcome'] as const,
    buckets: [0.005, 0.025, 0.1, 0.5, 1, 5, 15, 60, 300],
    registers: [this.registry],
  });

  /** Error tracking (libs/observability ErrorTracker): one count per structured error event. */
  readonly errors = new Counter({
    name: 'tally_errors_total',
    help: 'Errors by kind (vote, payment, otp, database, external_service, job, validation, internal) and code',
    labelNames: ['kind', 'code'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'tally_' });
  }
}
