import { SmsInbox } from '../identity/identity-test-kit';
import { ADMIN, eventually, startVotingE2e, VotingE2e } from '../voting/voting-test-kit';
import { metricFamiliesInAlertRules, Scrape } from './metrics-scrape';

/**
 * Issue 18: every SPEC metric, read from GET /metrics before and after a scripted scenario on
 * one app (real PostgreSQL when it answers): each moved as the scenario says it should.
 */
describe('the SPEC metrics on /metrics after a scripted scenario', () => {
  let kit: VotingE2e;
  const sms = new SmsInbox();
  let before: Scrape;

  const scrape = async (): Promise<Scrape> => new Scrape((await kit.t.http().get('/metrics').expect(200)).text);
  const delta = (after: Scrape, name: string, labels: Record<string, string> = {}): number => after.sum(name, labels) - before.sum(name, labels);

  beforeAll(async () => {
    await sms.start();
    kit = await startVotingE2e({
      SMS_DRIVER: 'http',
      SMS_HTTP_URL: sms.url,
      RATE_LIMITS_ENABLED: 'true',
      RATE_LIMIT_RULES_REFRESH_MS: '100',
      RATE_LIMIT_ATTEMPTS_FLUSH_MS: '50',
      LEADERBOARD_RECALC_INTERVAL_MS: '1000',
      // A failing SMS delivery is parked at once, retried once, then waits for an operator.
      PROJECTIONS_PARKED_RETRY_BASE_MS: '200',
      PROJECTIONS_PARKED_MAX_RETRIES: '1',
      PROJECTIONS_PARKED_POLL_MS: '50',
    });
    before = await scrape();

    // Votes: three accepted (each screened by fraud scoring), one refused for want of credits, one malformed.
    const { contestants } = await kit.openEvent({});
    const voter = await kit.voter();
    await kit.grant(voter.userId, 10);
    for (let i = 0; i < 3; i++) expect((await kit.vote(voter.token, contestants[0], 1)).status).toBe(201);
    const poor = await kit.voter();
    expect((await kit.vote(poor.token, contestants[0], 1)).body).toMatchObject({ code: 'VOTING.INSUFFICIENT_CREDITS' });
    expect((await kit.call('post', '/api/events', kit.organizer, { name: '' })).body).toMatchObject({ status: 422 });

    // Payments in the sandbox: one paid, one declined.
    for (const card of ['4242424242424242', '4000000000000002']) {
      const checkout = await kit.call('post', '/api/payments/checkout', voter.token, { votes: 5, currency: 'USD' });
      expect(checkout.status).toBe(201);
      expect((await kit.call('post', `/api/payments/sandbox/${(checkout.body as { paymentId: string }).paymentId}/complete`, voter.token, { card })).status).toBe(200);
    }

    // OTP: a wrong code, then the right one; and a code the SMS provider fails to deliver.
    const phone = '+447911123456';
    expect((await kit.call('post', '/api/auth/otp/request', voter.token, { channel: 'sms', purpose: 'phone_verify', phone })).status).toBe(202);
    const code = await sms.codeFor(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    expect((await kit.call('post', '/api/auth/phone/verify', voter.token, { phone, code: wrong })).status).toBe(401);
    expect((await kit.call('post', '/api/auth/phone/verify', voter.token, { phone, code })).status).toBe(200);
    sms.failFor.add('+33612345678');
    const undelivered = await kit.call('post', '/api/auth/otp/request', poor.token, { channel: 'sms', purpose: 'phone_verify', phone: '+33612345678' });
    expect([undelivered.status, undelivered.body]).toEqual([202, expect.anything()]);

    // A rate limit rule of the tenant refusing the second request, and a client block.
    expect((await kit.call('post', '/api/ratelimit/rules', kit.organizer, { name: 'metrics-me', scope: 'user', method: 'GET', route: '/api/users/me', limit: 1, windowSeconds: 60 })).status).toBe(200);
    await eventually(async () => {
      const statuses = [(await kit.call('get', '/api/users/me', poor.token)).status, (await kit.call('get', '/api/users/me', poor.token)).status];
      expect(statuses).toContain(429);
    });
    const admin = (await kit.call('post', '/api/auth/login', undefined, ADMIN)).body as { accessToken: string };
    expect((await kit.call('post', '/api/ratelimit/blocks', admin.accessToken, { network: '192.0.2.0/24', durationSeconds: 900, reason: 'metrics test', source: 'edge' })).status).toBe(201);
  }, 180_000);

  afterAll(async () => {
    await kit?.close();
    await sms.stop();
  });

  it('counts votes per second by outcome, refusals by reason, and fraud screening decisions', async () => {
    const after = await scrape();
    expect(delta(after, 'tally_votes_total', { outcome: 'accepted' })).toBe(3);
    expect(delta(after, 'tally_votes_total', { outcome: 'refused', reason: 'VOTING.INSUFFICIENT_CREDITS' })).toBe(1);
    expect(delta(after, 'tally_fraud_screenings_total')).toBe(3);
    expect(delta(after, 'tally_fraud_screenings_total', { decision: 'accept' })).toBe(3);
    expect(after.declares('tally_vote_queue_depth')).toBe(true);
    expect(after.samples.some((sample) => sample.name === 'tally_vote_queue_depth' && sample.labels.status === 'pending')).toBe(true);
  });

  it('counts payments by status (success rate) and OTP verifications by outcome', async () => {
    const after = await scrape();
    expect(delta(after, 'tally_payments_total', { status: 'completed' })).toBe(1);
    expect(delta(after, 'tally_payments_total', { status: 'failed' })).toBe(1);
    expect(delta(after, 'tally_otp_verifications_total', { outcome: 'verified' })).toBe(1);
    expect(delta(after, 'tally_otp_verifications_total', { outcome: 'wrong_code' })).toBe(1);
  });

  it('counts rate limit triggers by rule and lock engagements by kind', async () => {
    const after = await eventually(async () => {
      const scraped = await scrape();
      expect(delta(scraped, 'tally_rate_limit_refusals_total', { rule: 'metrics-me' })).toBeGreaterThanOrEqual(1);
      return scraped;
    });
    expect(delta(after, 'tally_lockouts_total', { kind: 'client_block' })).toBe(1);
  });

  it('times requests per route (p50/p95/p99 from buckets), database queries and jobs; errors by endpoint', async () => {
    const after = await eventually(async () => {
      const scraped = await scrape();
      expect(delta(scraped, 'tally_job_duration_seconds_count', { kind: 'job', name: 'voting.leaderboard-recalc', outcome: 'succeeded' })).toBeGreaterThanOrEqual(1);
      return scraped;
    });
    expect(delta(after, 'tally_http_request_duration_seconds_count', { route: '/api/votes', method: 'POST' })).toBe(4);
    expect(delta(after, 'tally_http_request_duration_seconds_bucket', { route: '/api/votes', method: 'POST', le: '+Inf' })).toBe(4);
    expect(delta(after, 'tally_http_requests_total', { route: '/api/votes', method: 'POST', status: '201' })).toBe(3);
    expect(delta(after, 'tally_http_requests_total', { route: '/api/votes', method: 'POST', status: '422' })).toBe(1);
    expect(delta(after, 'tally_db_query_duration_seconds_count', { pool: 'primary', outcome: 'ok' })).toBeGreaterThan(10);
    expect(after.sum('tally_db_query_duration_seconds_sum', { pool: 'primary' })).toBeGreaterThan(0);
  });

  it('tracks errors by kind: the refused vote, bad input, the failed SMS delivery; and the parked event it leaves', async () => {
    const after = await eventually(async () => {
      const scraped = await scrape();
      expect(delta(scraped, 'tally_errors_total', { kind: 'external_service', code: 'sms-failed' })).toBeGreaterThanOrEqual(1);
      expect(scraped.sum('tally_projection_parked_events') + scraped.sum('tally_dead_letters_waiting')).toBeGreaterThan(0);
      return scraped;
    });
    expect(delta(after, 'tally_errors_total', { kind: 'vote', code: 'VOTING.INSUFFICIENT_CREDITS' })).toBe(1);
    expect(delta(after, 'tally_errors_total', { kind: 'validation' })).toBeGreaterThanOrEqual(1);
    expect(delta(after, 'tally_errors_total', { kind: 'otp' })).toBe(1);
  });

  it('exports projection lag, subscription quota utilisation and the background work gauges', async () => {
    const after = await scrape();
    for (const family of ['tally_projection_lag_seconds', 'tally_projection_lag_events', 'tally_projection_parked_events', 'tally_subscription_quota_utilisation', 'tally_dead_letters_waiting', 'tally_job_failures_24h', 'tally_async_tasks']) {
      expect([family, after.declares(family)]).toEqual([family, true]);
    }
    expect(after.samples.some((sample) => sample.name === 'tally_projection_lag_seconds' && sample.labels.projection === 'voting-votes')).toBe(true);
  });

  it('exports every metric the alert rules (docker/prometheus/alerts.yml) use', async () => {
    const after = await scrape();
    const missing = metricFamiliesInAlertRules().filter((family) => !after.declares(family));
    expect(missing).toEqual([]);
  });
});
