import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TallyMetrics } from '@tally/platform';
import { AggregatorRegistry } from 'prom-client';

const REQUEST = 'tally:cluster-metrics-request';
const RESPONSE = 'tally:cluster-metrics-response';
/** prom-client's own bound for the workers' answers is 5 s; a scrape waits a little longer for the primary. */
const SCRAPE_TIMEOUT_MS = 6000;

interface ScrapeRequest {
  type: typeof REQUEST;
  id: string;
}
interface ScrapeResponse {
  type: typeof RESPONSE;
  id: string;
  text?: string;
  error?: string;
}

/**
 * API_WORKERS > 1: the primary (apps/api cluster-primary.ts) answers a worker's scrape request
 * with every worker's registry, aggregated by prom-client's AggregatorRegistry: counters and
 * histograms summed, gauges read from the shared database taken once (their `aggregator: 'max'`).
 * The primary has no HTTP server; the port's connections reach a worker, which asks here.
 */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: unknown) => {
    if (!isMessage<ScrapeRequest>(message, REQUEST)) return;
    const reply = (answer: Omit<ScrapeResponse, 'type' | 'id'>): void => {
      if (worker.isConnected()) worker.send({ type: RESPONSE, id: message.id, ...answer });
    };
    aggregator.clusterMetrics().then(
      (text) => reply({ text }),
      (error: unknown) => reply({ error: error instanceof Error ? error.message : String(error) }),
    );
  });
}

/** What a scrape of this process answers: its own registry, or in a cluster worker, the whole cluster's. */
@Injectable()
export class MetricsScrape {
  private readonly pending = new Map<string, { resolve: (text: string) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();

  constructor(private readonly metrics: TallyMetrics) {
    if (!cluster.isWorker) return;
    // Constructing it adds the worker's listener that answers the primary with these registries.
    new AggregatorRegistry();
    AggregatorRegistry.setRegistries([metrics.registry]);
    process.on('message', (message: unknown) => {
      if (!isMessage<ScrapeResponse>(message, RESPONSE)) return;
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      clearTimeout(waiting.timer);
      if (message.text !== undefined) waiting.resolve(message.text);
      else waiting.reject(new Error(`Cluster metrics failed: ${message.error ?? 'no answer'}`));
    });
  }

  text(): Promise<string> {
    if (!cluster.isWorker || !process.send) return this.metrics.registry.metrics();
    const id = randomUUID();
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error('Cluster metrics: the primary did not answer'));
      }, SCRAPE_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer });
      process.send!({ type: REQUEST, id } satisfies ScrapeRequest);
    });
  }
}

function isMessage<T extends { type: string }>(message: unknown, type: T['type']): message is T {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === type;
}
