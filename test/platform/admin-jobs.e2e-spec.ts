import { JobScheduler } from '@tally/jobs';
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
});
