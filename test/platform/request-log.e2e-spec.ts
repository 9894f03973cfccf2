import { PinoLogger } from 'nestjs-pino';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * The access log: one JSON line per completed request, with the request id the response
 * carries, written only when its level is on, and never a credential.
 */
describe('request log', () => {
  const lines: string[] = [];
  let write: jest.SpyInstance;

  let t: TestApp;

  beforeAll(async () => {
    // Under jest, pino's destination is process.stdout.
    write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
      lines.push(String(chunk));
      return true;
    });
    t = await createTestApp({ env: { LOG_LEVEL: 'info' } });
  });
  afterAll(async () => {
    await t.close();
    write.mockRestore();
  });

  const completed = (requestId: string): Record<string, unknown>[] =>
    lines
      .flatMap((line) => line.split('\n').filter(Boolean))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry.msg === 'request completed' && entry.reqId === requestId);

  it('logs each request once at info, 4xx at warn, with its id, method, url, status and time; never the token', async () => {
    await t.http().get('/health/live').set('X-Request-Id', 'log-ok-1').expect(200);
    await t.http().get('/api/payments/history').set('X-Tenant-Id', 'demo').set('X-Request-Id', 'log-denied-1').set('Authorization', 'Bearer not.a.token').expect(401);
    expect(completed('log-ok-1')).toEqual([expect.objectContaining({ level: 30, method: 'GET', url: '/health/live', statusCode: 200, responseTime: expect.any(Number) })]);
    expect(completed('log-denied-1')).toEqual([expect.objectContaining({ level: 40, url: '/api/payments/history', statusCode: 401, tenant: 'demo' })]);
    expect(lines.join('')).not.toContain('not.a.token');
  });

  it('writes nothing for a successful request at the production level (warn)', async () => {
    // The root logger's level, as LOG_LEVEL=warn sets it (one logger per process).
    PinoLogger.root.level = 'warn';
    await t.http().get('/health/live').set('X-Request-Id', 'log-quiet-1').expect(200);
    await t.http().get('/api/payments/history').set('X-Request-Id', 'log-quiet-2').expect(401);
    expect(completed('log-quiet-1')).toEqual([]);
    expect(completed('log-quiet-2')).toHaveLength(1);
  });
});
