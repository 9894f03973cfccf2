import { once } from 'node:events';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { ExternalFraudScorer } from './external-fraud-scorer';

/** A real local scoring service whose behaviour each test sets: answer, answer late, or fail. */
class LocalScoringService {
  mode: 'answer' | 'slow' | 'fail' = 'answer';
  calls = 0;
  bodies: unknown[] = [];
  private readonly server: Server = createServer((req, res) => void this.handle(req, res));
  private readonly pending = new Set<ServerResponse>();

  async start(): Promise<string> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/score`;
  }

  async stop(): Promise<void> {
    for (const res of this.pending) res.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.calls++;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    this.bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    if (this.mode === 'fail') return void res.writeHead(503).end();
    if (this.mode === 'slow') return void this.pending.add(res); // never answers: the caller's timeout must fire
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ risk: 0.8125, reason: 'Known bot network' }));
  }
}

const vote = { tenantId: 't1', userId: 'u1', clientIp: '203.0.113.9', deviceFingerprint: 'device-1234' };

describe('ExternalFraudScorer against a local HTTP scoring service', () => {
  const service = new LocalScoringService();
  let url: string;
  beforeAll(async () => {
    url = await service.start();
  });
  afterAll(() => service.stop());
  beforeEach(() => {
    service.mode = 'answer';
    service.calls = 0;
    service.bodies = [];
  });

  it('records the answer as a factor, with the vote it was asked about', async () => {
    const scorer = new ExternalFraudScorer({ url, timeoutMs: 2000, breakerFailures: 3, breakerHalfOpenMs: 60_000 });
    const factor = await scorer.score(vote);
    expect(factor).toMatchObject({ signal: 'externalScore', risk: 0.813, reason: 'Known bot network', inputs: { outcome: 'scored' }, evidence: true });
    expect(service.bodies).toEqual([vote]);
  });

  it('a slow scorer: the answer is the fallback after the timeout, recorded as a timeout', async () => {
    service.mode = 'slow';
    const scorer = new ExternalFraudScorer({ url, timeoutMs: 200, breakerFailures: 3, breakerHalfOpenMs: 60_000 });
    const factor = await scorer.score(vote);
    expect(factor).toMatchObject({ signal: 'externalScore', risk: 0, inputs: { outcome: 'timeout' } });
    // It gave up at the timeout (not when the service answered: it never does); the bound is loose for a loaded machine.
    expect(factor.inputs.latencyMs).toBeGreaterThanOrEqual(150);
    // The service was asked. On a loaded machine its handler may run only after the caller gave
    // up; waiting for it also keeps that late call out of the next test's count.
    await waitFor(async () => service.calls === 1, 5_000);
    expect(service.calls).toBe(1);
  });

  it('a failing scorer: the breaker opens after N failures, is not called while open, and tries again half-open', async () => {
    service.mode = 'fail';
    const scorer = new ExternalFraudScorer({ url, timeoutMs: 2000, breakerFailures: 3, breakerHalfOpenMs: 500 });
    for (let i = 0; i < 3; i++) expect((await scorer.score(vote)).inputs.outcome).toBe('error');
    expect(service.calls).toBe(3);

    const whileOpen = await Promise.all(Array.from({ length: 20 }, () => scorer.score(vote)));
    expect(whileOpen.map((f) => f.inputs.outcome)).toEqual(Array(20).fill('breaker-open'));
    expect(whileOpen.every((f) => f.risk === 0)).toBe(true);
    expect(service.calls).toBe(3); // not called while open

    // Half-open: once the service is back, the trial call goes through and closes the breaker.
    service.mode = 'answer';
    await waitFor(async () => (await scorer.score(vote)).inputs.outcome === 'scored', 10_000);
    expect(service.calls).toBe(4);
    expect((await scorer.score(vote)).inputs.outcome).toBe('scored');
  });

  it('an answer without a risk from 0 to 1 counts as a failure', async () => {
    const bad = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"risk":7}'));
    bad.listen(0, '127.0.0.1');
    await once(bad, 'listening');
    const scorer = new ExternalFraudScorer({ url: `http://127.0.0.1:${(bad.address() as AddressInfo).port}/`, timeoutMs: 2000, breakerFailures: 3, breakerHalfOpenMs: 60_000 });
    try {
      expect(await scorer.score(vote)).toMatchObject({ risk: 0, inputs: { outcome: 'error' } });
    } finally {
      bad.closeAllConnections();
      await new Promise((resolve) => bad.close(resolve));
    }
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
