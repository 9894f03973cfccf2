import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import type { AnalyticsMessage } from '../domain/analytics-message';

/**
 * A local Segment-compatible batch endpoint for tests: `POST /v1/batch` with basic auth (the
 * write key as user), keeps every message it accepted and every request's size; `failWith`
 * makes it answer an error status instead.
 */
export class HttpBatchSinkServer {
  readonly messages: AnalyticsMessage[] = [];
  readonly batchSizes: number[] = [];
  failWith: number | null = null;
  private server: Server | null = null;
  private port = 0;

  constructor(private readonly writeKey: string) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Listens on `port` (0: any free one first, then the same one again after stop()). */
  async start(): Promise<void> {
    const server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const expected = `Basic ${Buffer.from(`${this.writeKey}:`).toString('base64')}`;
    if (request.method !== 'POST' || request.url !== '/v1/batch') return this.answer(response, 404, { error: 'not found' });
    if (request.headers.authorization !== expected) return this.answer(response, 401, { error: 'bad write key' });
    if (this.failWith !== null) return this.answer(response, this.failWith, { error: 'failing on purpose' });
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { batch?: AnalyticsMessage[] };
    if (!Array.isArray(body.batch)) return this.answer(response, 400, { error: 'batch missing' });
    this.messages.push(...body.batch);
    this.batchSizes.push(body.batch.length);
    this.answer(response, 200, { success: true });
  }

  private answer(response: ServerResponse, status: number, body: unknown): void {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}
