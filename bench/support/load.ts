/**
 * Closed-loop HTTP load: C keep-alive connections, each with one request in flight, for D
 * seconds. At the deadline no new request starts and the ones in flight are awaited, so every
 * request the server answered is counted (a generator that abandons them would leave accepted
 * votes nobody saw). Every response's status and latency are kept, so the percentiles cover
 * exactly the requests the rate counts.
 */
import { Agent, request as httpRequest } from 'node:http';
import { percentile } from './pg-bench';

export interface LoadRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResponse {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
  latencyMs: number;
  /** performance.now() when the response ended. */
  at: number;
}

export interface LoadOptions {
  /** One base URL, or several: connection k goes to url[k % n]. */
  url: string | string[];
  connections: number;
  seconds: number;
  /** Built per request; `connection` is the loop's index. */
  request: (connection: number) => LoadRequest;
  /** Called with each response; status 0 is a connection error or timeout. */
  onResponse?: (response: LoadResponse, request: LoadRequest, connection: number) => void;
  /** Stop early when this returns true (checked between requests). */
  stop?: () => boolean;
  /**
   * Paced: at most this many requests per second in all, request k starting no earlier than
   * k / rate s after the start (a connection that finds its slot passed sends at once). Unset: as
   * fast as the connections go. At a rate the server keeps up with, two set-ups compared do the
   * same work per second, so their CPU per request is compared at equal load.
   */
  ratePerSecond?: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rate: number;
  /** Rate of the given status only. */
  rateOf(status: number): number;
  statuses: Map<number, number>;
  /** Connection errors and timeouts (no HTTP status). */
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  /** Percentiles over the responses with this status only. */
  percentiles(status: number): { p50: number; p95: number; p99: number };
}

export function send(agent: Agent, url: URL, request: LoadRequest, timeoutMs = 30_000): Promise<LoadResponse> {
  const started = performance.now();
  return new Promise((resolve) => {
    const headers: Record<string, string | number> = { ...request.headers };
    if (request.body !== undefined) headers['content-length'] = Buffer.byteLength(request.body);
    const req = httpRequest(
      { agent, host: url.hostname, port: url.port, method: request.method, path: request.path, headers, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const at = performance.now();
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), headers: res.headers, latencyMs: at - started, at });
        });
        res.on('error', () => resolve({ status: 0, body: '', headers: {}, latencyMs: performance.now() - started, at: performance.now() }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => {
      const at = performance.now();
      resolve({ status: 0, body: '', headers: {}, latencyMs: at - started, at });
    });
    req.end(request.body);
  });
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const urls = (Array.isArray(options.url) ? options.url : [options.url]).map((url) => new URL(url));
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections, maxFreeSockets: options.connections });
  const latencies: number[] = [];
  const byStatus = new Map<number, number[]>();
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const interval = options.ratePerSecond ? 1000 / options.ratePerSecond : 0;
  let scheduled = 0;
  await Promise.all(
    Array.from({ length: options.connections }, async (_, connection) => {
      while (performance.now() < deadline && !options.stop?.()) {
        if (interval > 0) {
          const slot = started + scheduled++ * interval;
          if (slot >= deadline) break;
          const wait = slot - performance.now();
          if (wait > 0) await new Promise((done) => setTimeout(done, wait));
        }
        const request = options.request(connection);
        const response = await send(agent, urls[connection % urls.length], request);
        latencies.push(response.latencyMs);
        let list = byStatus.get(response.status);
        if (!list) byStatus.set(response.status, (list = []));
        list.push(response.latencyMs);
        options.onResponse?.(response, request, connection);
        if (response.status === 0) await new Promise((done) => setTimeout(done, 50));
      }
    }),
  );
  agent.destroy();
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const statuses = new Map([...byStatus].map(([status, list]) => [status, list.length]));
  return {
    requests: latencies.length,
    seconds,
    rate: latencies.length / seconds,
    rateOf: (status) => (statuses.get(status) ?? 0) / seconds,
    statuses,
    errors: statuses.get(0) ?? 0,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    percentiles: (status) => {
      const list = (byStatus.get(status) ?? []).sort((a, b) => a - b);
      return { p50: percentile(list, 50), p95: percentile(list, 95), p99: percentile(list, 99) };
    },
  };
}

export function formatStatuses(result: LoadResult): string {
  return (
    [...result.statuses]
      .sort(([a], [b]) => a - b)
      .map(([status, count]) => `${status === 0 ? 'no-response' : status}×${count}`)
      .join(' ') || 'none'
  );
}

export const ms = (value: number): string => `${value.toFixed(1)} ms`;
