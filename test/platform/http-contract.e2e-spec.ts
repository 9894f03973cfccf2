import { RequestContext } from '@mikro-orm/core';
import { JobScheduler } from '@tally/jobs';
import { WebhookRetryJob } from '@tally/payments';
import { PG_POOL, uuidv7 } from '@tally/platform';
import { PinoLogger } from 'nestjs-pino';
import { Pool } from 'pg';
import { ADMIN, api, FAST_IDENTITY_ENV } from '../identity/identity-test-kit';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * The HTTP layer every route shares: health, problems, security headers, the CSRF refusal of
 * cookie auth, the request scope, the operator's job and task routes, and the access log. One
 * test file, because each file pays for loading the whole application's modules again (seconds of
 * a shared CI core); one app (with a bootstrap platform admin) for all but the access log, which
 * needs its own logging level.
 */
describe('HTTP cross-cutting behaviour', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { ...FAST_IDENTITY_ENV, TALLY_BOOTSTRAP_ADMIN: `${ADMIN.email}:${ADMIN.password}` } });
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

  /** GET /api/admin/jobs: the scheduled jobs with their last run, next run and failures, for platform admins only. */
  describe('GET /api/admin/jobs', () => {
    let demo: ReturnType<typeof api>;

    beforeAll(() => {
      demo = api(t);
    });

    it('lists every job with its last run and next run to a platform admin', async () => {
      // One tick played by hand: the worker (ROLE=all) leads every job here, so it runs and is recorded.
      expect(await t.app.get(JobScheduler).tick(t.app.get(WebhookRetryJob))).toBe('ran');
      const admin = (await demo.login(ADMIN.email, ADMIN.password)).accessToken;
      const response = await demo.get('/api/admin/jobs', admin);
      expect(response.status).toBe(200);
      const names = (response.body.items as { name: string }[]).map((item) => item.name);
      expect(names).toEqual(expect.arrayContaining(['payments.webhook-retry', 'payments.reconcile', 'voting.leaderboard-recalc', 'identity.expired-sessions-cleanup', 'platform.dead-letter-sweep']));
      const retry = (response.body.items as { name: string }[]).find((item) => item.name === 'payments.webhook-retry');
      expect(retry).toMatchObject({ schedule: 'every 900000 ms', failures24h: 0, lastRun: { status: 'succeeded', errorMessage: null }, nextRunAt: expect.any(String), lastSuccessAt: expect.any(String) });
    });

    it('is refused without a token and to a voter', async () => {
      expect((await demo.get('/api/admin/jobs')).status).toBe(401);
      await demo.signup('jobs-voter@example.com');
      const voter = (await demo.login('jobs-voter@example.com')).accessToken;
      expect((await demo.get('/api/admin/jobs', voter)).status).toBe(403);
    });

    it('GET /api/admin/tasks: counts per type and status, and the tasks newest first, page by page and filtered', async () => {
      const pool = t.app.get<Pool>(PG_POOL);
      const ids = [uuidv7(), uuidv7(), uuidv7()];
      // Rows as the queue leaves them (types no handler here claims, so they stay as written).
      await pool.query(`insert into async_tasks (task_id, task_type, payload, status, attempts, next_attempt_at) values ($1, 'elsewhere.a', '{}', 'pending', 0, now())`, [ids[0]]);
      await pool.query(`insert into async_tasks (task_id, task_type, payload, status, attempts, last_error, next_attempt_at) values ($1, 'elsewhere.a', '{}', 'dead', 5, 'Error: provider down', null)`, [ids[1]]);
      await pool.query(`insert into async_tasks (task_id, task_type, payload, status, attempts, completed_at) values ($1, 'elsewhere.b', '{"secret": "x"}', 'succeeded', 1, now())`, [ids[2]]);
      const admin = (await demo.login(ADMIN.email, ADMIN.password)).accessToken;

      const all = await demo.get('/api/admin/tasks', admin);
      expect(all.status).toBe(200);
      expect(all.body.counts).toEqual([
        { type: 'elsewhere.a', status: 'dead', count: 1, waitingForOperator: 1 },
        { type: 'elsewhere.a', status: 'pending', count: 1, waitingForOperator: 0 },
        { type: 'elsewhere.b', status: 'succeeded', count: 1, waitingForOperator: 0 },
      ]);
      expect((all.body.items as { taskId: string }[]).map((item) => item.taskId)).toEqual([...ids].reverse());
      expect(all.body.items[1]).toMatchObject({ type: 'elsewhere.a', status: 'dead', attempts: 5, revivals: 0, lastError: 'Error: provider down', nextAttemptAt: null });
      // Payloads stay out of the listing.
      expect(JSON.stringify(all.body)).not.toContain('secret');

      const first = await demo.get('/api/admin/tasks?limit=2', admin);
      const second = await demo.get(`/api/admin/tasks?limit=2&cursor=${first.body.nextCursor}`, admin);
      expect([...(first.body.items as { taskId: string }[]), ...(second.body.items as { taskId: string }[])].map((item) => item.taskId)).toEqual([...ids].reverse());
      expect(second.body.nextCursor).toBeNull();
      const dead = await demo.get('/api/admin/tasks?status=dead&type=elsewhere.a', admin);
      expect((dead.body.items as { taskId: string }[]).map((item) => item.taskId)).toEqual([ids[1]]);

      for (const [query, field] of [
        ['status=stuck', 'status'],
        ['cursor=12', 'cursor'],
        ['type=Not%20A%20Type', 'type'],
        ['limit=101', 'limit'],
      ]) {
        const bad = await demo.get(`/api/admin/tasks?${query}`, admin);
        expect(bad.status).toBe(422);
        expect(JSON.stringify(bad.body.errors)).toContain(field);
      }
      expect((await demo.get('/api/admin/tasks')).status).toBe(401);
      await demo.signup('tasks-voter@example.com');
      const voter = (await demo.login('tasks-voter@example.com')).accessToken;
      expect((await demo.get('/api/admin/tasks', voter)).status).toBe(403);

      // A dead task retried by hand runs now: here no handler of its type runs in this process, so it is dead again with that error.
      const retried = await demo.post(`/api/admin/tasks/${ids[1]}/retry`, {}, admin);
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({ taskId: ids[1], status: 'dead', attempts: 6, lastError: 'Error: No handler for task type "elsewhere.a" in this process' });
      const notDead = await demo.post(`/api/admin/tasks/${ids[0]}/retry`, {}, admin);
      expect(notDead.status).toBe(409);
      expect(notDead.body).toMatchObject({ type: 'https://tally.dev/problems/task-not-dead' });
      expect((await demo.post(`/api/admin/tasks/${uuidv7()}/retry`, {}, admin)).body).toMatchObject({ status: 404, type: 'https://tally.dev/problems/task-not-found' });
      expect((await demo.post('/api/admin/tasks/not-a-uuid/retry', {}, admin)).status).toBe(400);
      expect((await demo.post(`/api/admin/tasks/${ids[1]}/retry`, {}, voter)).status).toBe(403);
      const pending = await t.app.get<Pool>(PG_POOL).query<{ status: string }>('select status from async_tasks where task_id = $1', [ids[0]]);
      expect(pending.rows).toEqual([{ status: 'pending' }]);
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
