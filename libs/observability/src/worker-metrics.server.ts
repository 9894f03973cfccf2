import { createServer, Server } from 'node:http';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PLATFORM_CONFIG, PlatformConfig, problemType } from '@tally/platform';
import { MetricsScrape } from './cluster-metrics';
import { MetricsAccessCheck } from './metrics-access';
import { OBSERVABILITY_CONFIG, ObservabilityConfig } from './observability.config';

/**
 * ROLE=worker serves no HTTP API, so its metrics (projection lag, job times, database latency,
 * the outcomes its reactors append) get their own small server: GET /metrics on METRICS_PORT,
 * with the same access rule as the API's route. Nothing else is served there.
 */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WorkerMetrics');
  private server: Server | undefined;

  constructor(
    private readonly scrape: MetricsScrape,
    @Inject(OBSERVABILITY_CONFIG) private readonly config: ObservabilityConfig,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
  ) {}

  /** The port it listens on (METRICS_PORT=0 picks one), or null when it does not serve. */
  get port(): number | null {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address.port : null;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.platform.role !== 'worker' || this.config.workerMetricsPort === null) return;
    if (this.config.metrics.mode === 'off') {
      this.logger.warn('METRICS_PORT is set but metrics are off (production without METRICS_TOKEN): not serving them');
      return;
    }
    const access = new MetricsAccessCheck(this.config.metrics);
    const server = createServer((request, response) => {
      const path = (request.url ?? '/').split('?')[0];
      if (request.method !== 'GET' || path !== '/metrics') {
        response.writeHead(404, { 'Content-Type': 'application/problem+json' }).end(JSON.stringify({ type: problemType('not-found'), title: 'Not found', status: 404, detail: 'Only GET /metrics is served here' }));
        return;
      }
      if (access.verdict(request.headers.authorization) !== 'allowed') {
        response
          .writeHead(401, { 'Content-Type': 'application/problem+json', 'WWW-Authenticate': 'Bearer realm="metrics"' })
          .end(JSON.stringify({ type: problemType('metrics-token-required'), title: 'The metrics token is required', status: 401, detail: 'Send the metrics token as Authorization: Bearer <METRICS_TOKEN>' }));
        return;
      }
      this.scrape.text().then(
        (text) => response.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' }).end(text),
        (error: unknown) => {
          this.logger.error({ err: error }, 'Scrape failed');
          response.writeHead(500, { 'Content-Type': 'application/problem+json' }).end(JSON.stringify({ type: problemType('internal'), title: 'Internal error', status: 500, detail: 'The scrape failed' }));
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.workerMetricsPort ?? 0, this.platform.host, () => resolve());
    });
    this.server = server;
    this.logger.log(`Worker metrics on http://${this.platform.host}:${this.port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
