import { RequestContext } from '@mikro-orm/core';
import { PinoLogger } from 'nestjs-pino';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * The HTTP layer every route shares: health, problems, security headers, the CSRF refusal of
 * cookie auth, the request scope and the access log. One test file, because each file pays for
 * loading the whole application's modules again (seconds of a shared CI core); one app for all
 * but the access log, which needs its own logging level.
 */
describe('HTTP cross-cutting behaviour', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers liveness and readiness', async () => {
    await t.http().get('/health/live').expect(200, { status: 'ok' });
    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body.status).toBe('ok');
    expect(Object.keys(ready.body.details)).toEqual(expect.arrayContaining(['database', 'eventStore', 'projections']));
  });

  it('serves the OpenAPI document', async () => {
    const doc = await t.http().get('/api/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/tenants', '/health/ready']));
  });

  it('sends security headers and a request id', async () => {
    const res = await t.http().get('/health/live').set('X-Request-Id', 'trace-123').expect(200);
    expect(res.headers['x-request-id']).toBe('trace-123');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toContain('max-age=');
    expect(res.headers['x-frame-options']).toBeDefined();
  });

  it('answers an unknown tenant with a 404 problem', async () => {
    const res = await t.http().get('/health/live').set('X-Tenant-Id', 'nobody-here').expect(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ type: 'https://tally.dev/problems/tenant-not-found', status: 404, instance: '/health/live' });
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const res = await t.http().post('/api/tenants').set('Content-Type', 'application/json').send('{"name": ').expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 400, type: expect.stringMatching(/^https:\/\/tally\.dev\/problems\//) });
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await t.http().get('/api/nothing-here').expect(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.type).toBe('https://tally.dev/problems/not-found');
  });

  it('refuses a protected route without a token with a 401 problem', async () => {
    const res = await t.http().post('/api/tenants').send({ name: 'Gala', slug: 'gala' }).expect(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('resolves the demo tenant by slug and by id to the same tenant', async () => {
    await t.http().get('/health/live').set('X-Tenant-Id', 'demo').expect(200);
    await t.http().get('/health/live').set('X-Tenant-Id', t.tenantId).expect(200);
  });

  /**
   * CSRF: auth is bearer-only, and a state-changing request carrying cookies without a bearer
   * token is refused before any handler runs (docs/security.md "CSRF").
   */
  describe('cookie-based auth refused on state-changing routes', () => {
    const signup = { email: 'csrf@example.com', password: 'Correct-Horse-9' };

    it('a POST with a Cookie header and no bearer gets 403 cookie-auth-refused as problem+json, and changes nothing', async () => {
      const refused = await Promise.all(
        Array.from({ length: 10 }, () => t.http().post('/api/auth/signup').set('X-Tenant-Id', 'demo').set('Cookie', 'session=stolen; theme=dark').send(signup)),
      );
      for (const res of refused) {
        expect(res.status).toBe(403);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.body).toMatchObject({ status: 403, type: expect.stringContaining('cookie-auth-refused'), detail: expect.stringContaining('bearer') });
      }
      // Nothing was created: the same sign-up without the cookie is the first one (201, not 409).
      await t.http().post('/api/auth/signup').set('X-Tenant-Id', 'demo').send(signup).expect(201);
    });

    it.each(['PUT', 'PATCH', 'DELETE'] as const)('%s with cookies and no bearer is refused too', async (method) => {
      const res = await t.http()[method.toLowerCase() as 'put' | 'patch' | 'delete']('/api/fraud/settings').set('X-Tenant-Id', 'demo').set('Cookie', 'a=b');
      expect(res.status).toBe(403);
      expect(res.body.type).toContain('cookie-auth-refused');
    });

    it('cookies beside a bearer token are ignored (the token decides), and reads with cookies are answered', async () => {
      const withBearer = await t.http().post('/api/auth/logout').set('X-Tenant-Id', 'demo').set('Cookie', 'a=b').set('Authorization', 'Bearer not.a.token').send({});
      expect(withBearer.status).toBe(401);
      expect(JSON.stringify(withBearer.body)).not.toContain('cookie-auth-refused');
      await t.http().get('/health/live').set('Cookie', 'a=b').expect(200);
    });
  });

  /** Routes marked @WithoutEntityManager() skip the request-scoped EntityManager; the others get one. */
  describe('request scope', () => {
    it('forks an EntityManager only for routes that may use it', async () => {
      const create = jest.spyOn(RequestContext, 'create');
      try {
        await t.http().get('/health/live').expect(200);
        expect(create).not.toHaveBeenCalled();
        await t.http().get('/health/ready');
        expect(create).toHaveBeenCalledTimes(1);
      } finally {
        create.mockRestore();
      }
    });
  });
});

/**
 * The access log: one JSON line per completed request, with the request id the response
 * carries, written only when its level is on, and never a credential. Its own app (LOG_LEVEL=info),
 * last in the file: it sets the process's root logger level.
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
    await t?.close();
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
