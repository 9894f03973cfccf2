import { randomUUID } from 'node:crypto';
import { PG_POOL } from '@tally/platform';
import { Dunning, QuotaResets } from '@tally/subscriptions';
import { EVENT_STORE, EventStore } from '@tally/eventstore';
import { voterStream } from '@tally/voting';
import { Pool } from 'pg';
import { eventually, problemType } from '../voting/voting-test-kit';
import { plans, startSubscriptionsE2e, SubscriptionsE2e } from './subscriptions-test-kit';

const GRACE_MS = 72 * 3_600_000;

/** Stripe Billing through the official SDK against a local fake Stripe, webhooks signed by the SDK's test helper; PostgreSQL when it answers. */
describe('subscriptions and daily quotas (Stripe Billing)', () => {
  let k: SubscriptionsE2e;
  let pool: Pool;
  let ids: { basic: string; pro: string; premium: string; strict: string };

  beforeAll(async () => {
    k = await startSubscriptionsE2e({ stripe: true });
    pool = k.t.app.get(PG_POOL);
    ids = { basic: await k.createPlan(plans.basic), pro: await k.createPlan(plans.pro), premium: await k.createPlan(plans.premium), strict: await k.createPlan(plans.strict) };
  });
  afterAll(async () => {
    await k?.closeAll();
  });

  async function paidSubscriber(planId: string, timeZone: string, periodEnd = new Date('2026-03-31T23:00:00Z')) {
    const voter = await k.voter();
    const { subscriptionId } = await k.subscribe(voter.token, planId, timeZone);
    const paid = await k.deliver('invoice.paid', k.invoice(subscriptionId, `in_${randomUUID()}`, k.clock.now(), periodEnd));
    expect(paid.status).toBe(200);
    return Object.assign(voter, { subscriptionId });
  }

  const get = (token: string, subscriptionId: string) => k.call('get', `/api/subscriptions/${subscriptionId}`, token);
  /** A read with a position, retried while it answers 503 read-model-behind (as its Retry-After says): the bound is short and the shared machine slow. */
  async function caughtUp(read: () => Promise<import('supertest').Response>): Promise<import('supertest').Response> {
    let res = await read();
    await eventually(async () => {
      if (res.status === 503) res = await read();
      expect(res.status).toBe(200);
    });
    return res;
  }

  it('subscribe → first invoice paid → quota → vote to zero → overage → Auckland midnight → upgrade → downgrade → cancel', async () => {
    await k.at('2026-03-01T12:00:00.000Z'); // 01:00 on 2 March in Auckland (NZDT, +13)
    const { contestants } = await k.openEvent(1000);
    const voter = await k.voter();
    const created = await k.call('post', '/api/subscriptions', voter.token, { planId: ids.pro, timeZone: 'Pacific/Auckland' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ planId: ids.pro, dailyQuota: 10, status: 'incomplete', quotaActive: false, provider: 'stripe', timeZone: 'Pacific/Auckland', overage: 'allow' });
    const { subscriptionId } = created.body as { subscriptionId: string };
    const paths = k.fake!.requests.map((r) => `${r.method} ${r.path}`);
    expect(paths).toEqual(expect.arrayContaining(['POST /v1/customers', 'POST /v1/prices', 'POST /v1/subscriptions']));
    const stripeCall = k.fake!.requests.find((r) => r.path === '/v1/subscriptions' && r.body['metadata[tally_subscription_id]'] === subscriptionId)!;
    expect(stripeCall.headers['idempotency-key']).toBe(`tally-subscription-${subscriptionId}`);

    // Not paid yet: no quota, and no credits either.
    expect((await k.vote(voter.token, contestants[0], 1)).body.type).toBe(problemType('insufficient-credits'));

    const invoice = k.invoice(subscriptionId, 'in_first', k.clock.now(), new Date('2026-04-01T12:00:00Z'));
    const paid = await k.deliver('invoice.paid', invoice, 'evt_first_invoice');
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ received: true, duplicate: false, outcome: 'processed' });
    const again = await k.deliver('invoice.paid', invoice, 'evt_first_invoice');
    expect(again.body).toMatchObject({ duplicate: true, outcome: 'duplicate' });
    expect((await k.deliver('invoice.paid', invoice, 'evt_forged', 'whsec_wrong')).status).toBe(400);
    const { rows: recorded } = await pool.query(`select status from subscription_webhooks where provider_event_id in ('evt_first_invoice', 'evt_forged')`);
    expect(recorded).toEqual([{ status: 'processed' }]);

    const active = await get(voter.token, subscriptionId);
    expect(active.body).toMatchObject({ status: 'active', quotaActive: true, paidThrough: '2026-04-01T12:00:00.000Z' });

    // Down to zero: 4 + 6 from the quota, then nothing left and no credits.
    expect((await k.vote(voter.token, contestants[0], 4)).body.remaining).toEqual({ credits: 0, quotaToday: 6, capLeft: 996 });
    expect((await k.vote(voter.token, contestants[1], 6)).body.remaining).toEqual({ credits: 0, quotaToday: 0, capLeft: 990 });
    const exhausted = await k.vote(voter.token, contestants[0], 1);
    expect(exhausted.status).toBe(422);
    expect(exhausted.body.type).toBe(problemType('quota-exhausted'));
    // The plan allows overage: with credits, the rest is paid.
    await k.grant(voter.userId, 5);
    expect((await k.vote(voter.token, contestants[0], 2)).body.remaining).toEqual({ credits: 3, quotaToday: 0, capLeft: 988 });

    // A second before Auckland's midnight the day's quota is still spent; at midnight it is back.
    await k.at('2026-03-02T10:59:59.000Z');
    expect((await k.vote(voter.token, contestants[0], 1)).body.remaining.credits).toBe(2);
    await k.at('2026-03-02T11:00:00.000Z');
    const fresh = await k.vote(voter.token, contestants[0], 10);
    expect(fresh.status).toBe(201);
    expect(fresh.body.remaining).toEqual({ credits: 2, quotaToday: 0, capLeft: 977 });
    expect(await k.quotaDrawn(voter.userId)).toBe(20);

    const usage = await caughtUp(() => k.call('get', `/api/subscriptions/${subscriptionId}/usage?position=${fresh.headers['tally-position']}`, voter.token));
    expect(usage.body).toMatchObject({ timeZone: 'Pacific/Auckland', today: { date: '2026-03-03', dailyQuota: 10, used: 10, left: 0, resetsAt: '2026-03-03T11:00:00.000Z' } });
    expect(usage.body.days).toEqual([
      { date: '2026-03-03', votesUsed: 10, dailyQuota: 10 },
      { date: '2026-03-02', votesUsed: 10, dailyQuota: 10 },
    ]);

    // Upgrade mid-day: Stripe re-prices the item with proration; today's quota is the new one minus what was used.
    await k.at('2026-03-03T01:00:00.000Z');
    const upgraded = await k.call('post', `/api/subscriptions/${subscriptionId}/upgrade`, voter.token, { planId: ids.premium });
    expect(upgraded.status).toBe(200);
    expect(upgraded.body).toMatchObject({ planId: ids.premium, dailyQuota: 25, status: 'active' });
    const reprice = k.fake!.requests.find((r) => r.method === 'POST' && r.path.startsWith('/v1/subscriptions/') && r.body.proration_behavior === 'always_invoice');
    expect(reprice?.body['items[0][id]']).toEqual(expect.stringMatching(/^si_fake_/));
    expect((await k.vote(voter.token, contestants[2], 15)).body.remaining).toEqual({ credits: 2, quotaToday: 0, capLeft: 962 });
    // Downgrade: 25 used today is past Basic's 3, so the next vote is paid (overage allowed).
    const downgraded = await k.call('post', `/api/subscriptions/${subscriptionId}/downgrade`, voter.token, { planId: ids.basic });
    expect(downgraded.body).toMatchObject({ planId: ids.basic, dailyQuota: 3 });
    expect((await k.vote(voter.token, contestants[2], 1)).body.remaining).toEqual({ credits: 1, quotaToday: 0, capLeft: 961 });
    expect((await k.call('post', `/api/subscriptions/${subscriptionId}/downgrade`, voter.token, { planId: ids.premium })).body.type).toBe(problemType('plan-change-wrong-direction'));

    // Cancel at period end: the quota stays until the paid period ends, then it is gone.
    const cancelled = await k.call('post', `/api/subscriptions/${subscriptionId}/cancel`, voter.token);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ endDate: '2026-04-01T12:00:00.000Z', quotaActive: true });
    expect(k.fake!.requests.some((r) => r.path.startsWith('/v1/subscriptions/') && r.body.cancel_at_period_end === 'true')).toBe(true);
    await k.at('2026-04-01T12:00:00.000Z');
    expect((await get(voter.token, subscriptionId)).body).toMatchObject({ status: 'ended', quotaActive: false });
    const deleted = await k.deliver('customer.subscription.deleted', { id: (k.fake!.stripeSubscriptions.get(String(reprice?.path.split('/').pop())) ?? {}).id, object: 'subscription', status: 'canceled', metadata: { tally_tenant_id: k.t.tenantId, tally_subscription_id: subscriptionId } });
    expect(deleted.body).toMatchObject({ outcome: 'processed' });
    const store = k.t.app.get<EventStore>(EVENT_STORE);
    const history = (await store.readStream(`subscription-${k.t.tenantId}.${subscriptionId}`)).map((e) => e.type);
    expect(history).toEqual(['SubscriptionStarted', 'SubscriptionInvoicePaid', 'SubscriptionPlanChanged', 'SubscriptionPlanChanged', 'SubscriptionCancelScheduled', 'SubscriptionEnded']);
  });

  it('records each reset at the subscriber\'s local midnight, catching up on the days the job was down', async () => {
    await k.at('2026-03-10T12:00:00.000Z');
    const { subscriptionId } = await paidSubscriber(ids.pro, 'Pacific/Auckland');
    const resets = k.t.app.get(QuotaResets);
    await eventually(async () => expect((await pool.query(`select 1 from subscriptions where subscription_id = $1`, [subscriptionId])).rowCount).toBe(1));
    await resets.run();
    const { rows: jobs } = await pool.query(`select next_reset_date, status from quota_reset_jobs where subscription_id = $1`, [subscriptionId]);
    expect(jobs).toEqual([{ next_reset_date: new Date('2026-03-10T11:00:00.000Z'), status: 'scheduled' }].map((j) => ({ ...j, next_reset_date: new Date('2026-03-11T11:00:00.000Z') })));
    await k.at('2026-03-13T11:30:00.000Z'); // the job missed three Auckland midnights
    await resets.run();
    const { rows } = await pool.query(`select to_char(local_date, 'YYYY-MM-DD') as day, reset_at from quota_resets where subscription_id = $1 order by local_date`, [subscriptionId]);
    expect(rows).toEqual([
      { day: '2026-03-12', reset_at: new Date('2026-03-11T11:00:00.000Z') },
      { day: '2026-03-13', reset_at: new Date('2026-03-12T11:00:00.000Z') },
      { day: '2026-03-14', reset_at: new Date('2026-03-13T11:00:00.000Z') },
    ]);
    await resets.run();
    expect((await pool.query(`select 1 from quota_resets where subscription_id = $1`, [subscriptionId])).rowCount).toBe(3);
  });

  it('gives a New York subscriber one quota per local day across the spring-forward change (a 23-hour day)', async () => {
    await k.at('2026-03-07T17:00:00.000Z'); // noon EST, Saturday 7 March
    const { contestants } = await k.openEvent(1000);
    const voter = await paidSubscriber(ids.basic, 'America/New_York');
    expect((await k.vote(voter.token, contestants[0], 3)).status).toBe(201);
    expect((await k.vote(voter.token, contestants[0], 1)).body.type).toBe(problemType('quota-exhausted'));
    await k.at('2026-03-08T04:59:59.000Z');
    expect((await k.vote(voter.token, contestants[0], 1)).body.type).toBe(problemType('quota-exhausted'));
    await k.at('2026-03-08T05:00:00.000Z'); // midnight EST: 8 March, the clocks spring forward at 2:00
    expect((await k.vote(voter.token, contestants[0], 3)).status).toBe(201);
    await k.at('2026-03-09T03:59:59.000Z'); // 23:59:59 EDT, 23 hours later
    expect((await k.vote(voter.token, contestants[0], 1)).body.type).toBe(problemType('quota-exhausted'));
    await k.at('2026-03-09T04:00:00.000Z');
    expect((await k.vote(voter.token, contestants[0], 3)).status).toBe(201);
    const days = (await k.t.app.get<EventStore>(EVENT_STORE).readStream<{ quota?: { day: string; used: number } }>(voterStream(k.t.tenantId, voter.userId)))
      .filter((e) => e.type === 'VoteCast')
      .map((e) => `${e.data.quota?.day}:${e.data.quota?.used}`);
    expect(days).toEqual(['2026-03-07:3', '2026-03-08:3', '2026-03-09:3']);
  });

  it('gives an Auckland subscriber one quota on the 25-hour day daylight saving ends (5 April 2026)', async () => {
    await k.at('2026-04-04T11:00:00.000Z'); // 00:00 NZDT on Sunday 5 April; at 03:00 the clocks go back to 02:00
    const { contestants } = await k.openEvent(1000, '2026-05-01T00:00:00Z');
    const voter = await paidSubscriber(ids.basic, 'Pacific/Auckland', new Date('2026-04-30T00:00:00Z'));
    expect((await k.vote(voter.token, contestants[0], 3)).status).toBe(201);
    await k.at('2026-04-05T11:59:59.000Z'); // 23:59:59 NZST, 25 hours after the day began
    expect((await k.vote(voter.token, contestants[0], 1)).body.type).toBe(problemType('quota-exhausted'));
    await k.at('2026-04-05T12:00:00.000Z'); // 00:00 NZST on 6 April
    expect((await k.vote(voter.token, contestants[0], 3)).status).toBe(201);
    const days = (await k.t.app.get<EventStore>(EVENT_STORE).readStream<{ quota?: { day: string; used: number } }>(voterStream(k.t.tenantId, voter.userId)))
      .filter((e) => e.type === 'VoteCast')
      .map((e) => `${e.data.quota?.day}:${e.data.quota?.used}`);
    expect(days).toEqual(['2026-04-05:3', '2026-04-06:3']);
  });

  it('changes the time zone (PUT /time-zone): a hop west does not give a fresh quota today; the new zone counts from its first midnight after the old day', async () => {
    await k.at('2026-03-09T21:00:00.000Z'); // 10:00 on 10 March in Auckland, 11:00 on 9 March in Honolulu
    const { contestants } = await k.openEvent(1000);
    const voter = await paidSubscriber(ids.pro, 'Pacific/Auckland', new Date('2026-03-31T00:00:00Z'));
    await eventually(async () => expect((await pool.query(`select 1 from subscriptions where subscription_id = $1`, [voter.subscriptionId])).rowCount).toBe(1));
    const resets = k.t.app.get(QuotaResets);
    await resets.run();
    expect((await k.vote(voter.token, contestants[0], 10)).body.remaining.quotaToday).toBe(0);
    const zone = (timeZone: string, token = voter.token) =>
      k.t.http().put(`/api/subscriptions/${voter.subscriptionId}/time-zone`).set('X-Tenant-Id', 'demo').set('Authorization', `Bearer ${token}`).send({ timeZone });

    for (const bad of ['Mars/Olympus', 'EST5EDT-ish', '']) {
      const refused = await zone(bad);
      expect([refused.status, refused.body.type]).toEqual([422, problemType('validation-failed')]);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.body.errors[0].field).toBe('timeZone');
      if (bad) expect(refused.body.errors[0].message).toContain(bad);
    }
    expect((await zone('Pacific/Honolulu', (await k.voter()).token)).status).toBe(404);
    expect((await get(voter.token, voter.subscriptionId)).body.timeZone).toBe('Pacific/Auckland');

    const moved = await zone('Pacific/Honolulu');
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ timeZone: 'Pacific/Honolulu', status: 'active' });
    // Honolulu's date is still 9 March, a day with no votes: the rule keeps Auckland's 10 March going instead.
    expect((await k.vote(voter.token, contestants[0], 1)).body.type).toBe(problemType('quota-exhausted'));
    // Read at the change's position: the usage read model includes the ten votes and the new zone.
    const usage = await caughtUp(() =>
      k.call('get', `/api/subscriptions/${voter.subscriptionId}/usage`, voter.token, undefined, { 'Tally-Position': String(moved.headers['tally-position']) }),
    );
    expect(usage.body).toMatchObject({ timeZone: 'Pacific/Honolulu', today: { date: '2026-03-10', dailyQuota: 10, left: 0, resetsAt: '2026-03-11T10:00:00.000Z' } });
    // Hopping back before the change takes effect is refused (it would stretch or split the day again).
    const back = await zone('Pacific/Auckland');
    expect([back.status, back.body.type]).toEqual([409, problemType('time-zone-change-pending')]);
    // The same zone again is no change.
    expect((await zone('Pacific/Honolulu')).status).toBe(200);

    await eventually(async () => expect((await pool.query(`select time_zone from subscriptions where subscription_id = $1`, [voter.subscriptionId])).rows[0].time_zone).toBe('Pacific/Honolulu'));
    expect((await resets.run()).moved).toBeGreaterThanOrEqual(1);
    const { rows: jobs } = await pool.query(`select time_zone, next_reset_date from quota_reset_jobs where subscription_id = $1`, [voter.subscriptionId]);
    expect(jobs).toEqual([{ time_zone: 'Pacific/Honolulu', next_reset_date: new Date('2026-03-11T10:00:00.000Z') }]);

    // Auckland's 11 March began at 11:00Z on the 10th; the hop made today last until Honolulu's midnight instead.
    await k.at('2026-03-11T09:59:59.000Z');
    expect((await k.vote(voter.token, contestants[0], 1)).body.type).toBe(problemType('quota-exhausted'));
    await k.at('2026-03-11T10:00:00.000Z'); // 00:00 on 11 March in Honolulu
    expect((await k.vote(voter.token, contestants[0], 10)).body.remaining.quotaToday).toBe(0);
    const days = (await k.t.app.get<EventStore>(EVENT_STORE).readStream<{ quota?: { day: string; used: number } }>(voterStream(k.t.tenantId, voter.userId)))
      .filter((e) => e.type === 'VoteCast')
      .map((e) => `${e.data.quota?.day}:${e.data.quota?.used}`);
    expect(days).toEqual(['2026-03-10:10', '2026-03-11:10']);
    expect(await k.quotaDrawn(voter.userId)).toBe(20);
    // A later subscription of this user starts in the zone stored for them.
    const history = (await k.t.app.get<EventStore>(EVENT_STORE).readStream(`subscriber-${k.t.tenantId}.${voter.userId}`)).map((e) => e.type);
    expect(history).toEqual(['SubscriberSubscribed', 'SubscriberTimeZoneChanged']);
  });

  it('50 parallel votes against a quota of 10 count exactly 10 from the quota; a plan denying overage never touches credits', async () => {
    await k.at('2026-03-15T12:00:00.000Z');
    const { contestants } = await k.openEvent(1000);
    const voter = await paidSubscriber(ids.pro, 'UTC');
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => k.vote(voter.token, contestants[i % 3], 1)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
    expect(results.filter((r) => r.status === 422).every((r) => r.body.type === problemType('quota-exhausted'))).toBe(true);
    expect(await k.quotaDrawn(voter.userId)).toBe(10);
    const last = results.filter((r) => r.status === 201).map((r) => String(r.headers['tally-position'])).sort().pop(); // zero-padded: text order is log order
    const usage = await caughtUp(() => k.call('get', `/api/subscriptions/${voter.subscriptionId}/usage`, voter.token, undefined, { 'Tally-Position': String(last) }));
    expect(usage.body.today).toMatchObject({ date: '2026-03-15', used: 10, left: 0 });
    const metrics = await k.t.http().get('/metrics');
    const line = metrics.text.split('\n').find((l) => l.startsWith(`tally_subscription_quota_utilisation{tenant="${k.t.tenantId}",plan="${ids.pro}"}`));
    expect(Number(line?.split(' ').pop())).toBe(1); // the one Pro subscriber voting on its current local day used all 10

    const strict = await paidSubscriber(ids.strict, 'UTC');
    await k.grant(strict.userId, 100);
    const denied = await Promise.all(Array.from({ length: 50 }, () => k.vote(strict.token, contestants[0], 1)));
    expect(denied.filter((r) => r.status === 201)).toHaveLength(5);
    expect(denied.filter((r) => r.status !== 201).every((r) => r.body.type === problemType('quota-exhausted'))).toBe(true);
    expect(denied.filter((r) => r.status === 201).every((r) => r.body.remaining.credits === 100)).toBe(true);
    expect(await k.quotaDrawn(strict.userId)).toBe(5);
  });

  it('failed renewal → past_due with the quota kept during the grace → suspended → paid again', async () => {
    await k.at('2026-03-20T00:00:00.000Z');
    const { contestants } = await k.openEvent(1000);
    const voter = await paidSubscriber(ids.pro, 'UTC', new Date('2026-04-20T00:00:00Z'));
    const failed = await k.deliver('invoice.payment_failed', { ...k.invoice(voter.subscriptionId, 'in_renewal', k.clock.now(), new Date('2026-05-20T00:00:00Z')), attempt_count: 1 });
    expect(failed.body).toMatchObject({ outcome: 'processed' });
    expect((await get(voter.token, voter.subscriptionId)).body).toMatchObject({ status: 'past_due', quotaActive: true, graceUntil: '2026-03-23T00:00:00.000Z' });
    expect((await k.vote(voter.token, contestants[0], 2)).status).toBe(201);
    // A retry of the same invoice failing again does not extend the grace.
    await k.at('2026-03-21T00:00:00.000Z');
    await k.deliver('invoice.payment_failed', { ...k.invoice(voter.subscriptionId, 'in_renewal', k.clock.now(), new Date('2026-05-20T00:00:00Z')), attempt_count: 2 });
    await k.at(new Date(Date.parse('2026-03-20T00:00:00Z') + GRACE_MS));
    expect((await get(voter.token, voter.subscriptionId)).body).toMatchObject({ status: 'suspended', quotaActive: false });
    expect((await k.vote(voter.token, contestants[0], 1)).body.type).toBe(problemType('insufficient-credits'));
    await eventually(async () => expect((await pool.query(`select status from subscriptions where subscription_id = $1`, [voter.subscriptionId])).rows[0]?.status).toBe('past_due'));
    expect((await k.t.app.get(Dunning).run()).suspended).toBeGreaterThanOrEqual(1);
    await eventually(async () => expect((await pool.query(`select status from subscriptions where subscription_id = $1`, [voter.subscriptionId])).rows[0]?.status).toBe('suspended'));
    const recovered = await k.deliver('invoice.paid', k.invoice(voter.subscriptionId, 'in_renewal', k.clock.now(), new Date('2026-05-20T00:00:00Z')));
    expect(recovered.body).toMatchObject({ outcome: 'processed' });
    expect((await get(voter.token, voter.subscriptionId)).body).toMatchObject({ status: 'active', quotaActive: true });
    expect((await k.vote(voter.token, contestants[0], 1)).status).toBe(201);
  });

  it('refuses bad input with a problem naming it, and changes nothing', async () => {
    await k.at('2026-03-25T12:00:00.000Z');
    const voter = await k.voter();
    const before = (await pool.query(`select count(*)::int as n from subscription_webhooks`)).rows[0].n as number;
    const cases: [object, number, string, string?][] = [
      [{ planId: 'nope' }, 422, 'validation-failed', 'planId'],
      [{ planId: ids.pro, timeZone: 'Mars/Olympus' }, 422, 'validation-failed', 'timeZone'],
      [{ planId: ids.pro, extra: 1 }, 422, 'validation-failed', 'extra'],
      [{ planId: randomUUID() }, 404, 'plan-not-found'],
    ];
    for (const [body, status, type, field] of cases) {
      const res = await k.call('post', '/api/subscriptions', voter.token, body);
      expect([res.status, res.body.type]).toEqual([status, problemType(type)]);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      if (field) expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    }
    expect((await k.call('post', '/api/subscriptions', undefined, { planId: ids.pro })).status).toBe(401);
    const plan = await k.call('post', '/api/subscriptions/plans', k.organizer.token, { ...plans.pro, dailyQuota: 0 });
    expect([plan.status, plan.body.errors[0].field]).toEqual([422, 'dailyQuota']);
    expect((await k.call('post', '/api/subscriptions/plans', voter.token, plans.pro)).status).toBe(403);
    const { subscriptionId } = await k.subscribe(voter.token, ids.pro, 'Europe/London');
    expect((await k.call('post', '/api/subscriptions', voter.token, { planId: ids.basic })).body.type).toBe(problemType('already-subscribed'));
    const stranger = await k.voter();
    expect((await get(stranger.token, subscriptionId)).status).toBe(404);
    expect((await k.call('post', `/api/subscriptions/${subscriptionId}/cancel`, stranger.token)).status).toBe(404);
    expect((await k.call('get', `/api/subscriptions/${subscriptionId}/usage?days=0`, voter.token)).status).toBe(422);
    expect((await get(k.organizer.token, subscriptionId)).status).toBe(200);
    const unsigned = await k.t.http().post('/api/subscriptions/webhook/stripe').set('Content-Type', 'application/json').send({ id: 'evt_x', type: 'invoice.paid' });
    expect([unsigned.status, unsigned.body.type]).toEqual([400, problemType('invalid-webhook-signature')]);
    expect((await pool.query(`select count(*)::int as n from subscription_webhooks`)).rows[0].n).toBe(before);
    expect((await get(voter.token, subscriptionId)).body.status).toBe('incomplete');
  });
});
