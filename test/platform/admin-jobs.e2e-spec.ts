import { JobScheduler } from '@tally/jobs';
import { PG_POOL, uuidv7 } from '@tally/platform';
import { Pool } from 'pg';
import { WebhookRetryJob } from '@tally/payments';
import { ADMIN, api, FAST_IDENTITY_ENV } from '../identity/identity-test-kit';
import { createTestApp, TestApp } from '../support/test-app';

/** GET /api/admin/jobs: the scheduled jobs with their last run, next run and failures, for platform admins only. */
describe('GET /api/admin/jobs', () => {
  let t: TestApp;
  let demo: ReturnType<typeof api>;

  beforeAll(async () => {
    t = await createTestApp({ env: { ...FAST_IDENTITY_ENV, TALLY_BOOTSTRAP_ADMIN: `${ADMIN.email}:${ADMIN.password}` } });
    demo = api(t);
  });
  afterAll(async () => {
    await t?.close();
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
