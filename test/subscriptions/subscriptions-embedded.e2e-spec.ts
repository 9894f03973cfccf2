import { EntityManager } from '@mikro-orm/postgresql';
import { EVENT_STORE, EventStore } from '@tally/eventstore';
import { SandboxBilling, SandboxBillingJob } from '@tally/payments';
import { Dunning, subscriptionStream } from '@tally/subscriptions';
import { problemType } from '../voting/voting-test-kit';
import { plans, startSubscriptionsE2e, SubscriptionsE2e } from './subscriptions-test-kit';

/**
 * The embedded mode: PGlite and the one payment sandbox, which also plays Stripe Billing. Every
 * billing step reaches Tally as a Stripe-shaped event signed as Stripe signs, through the billing
 * webhook route's inbox (the path a Stripe delivery takes); the sandbox's renewal control settles
 * or fails a renewal on demand.
 */
describe('subscriptions in the embedded mode (PGlite, the payment sandbox as Stripe Billing)', () => {
  let k: SubscriptionsE2e;
  const forced = process.env.TALLY_TEST_DB;

  beforeAll(async () => {
    process.env.TALLY_TEST_DB = 'pglite';
    k = await startSubscriptionsE2e({ stripe: false });
  }, 180_000); // PGlite's start-up passed 60 s with two test files running on CI's 2 cores
  afterAll(async () => {
    if (forced === undefined) delete process.env.TALLY_TEST_DB;
    else process.env.TALLY_TEST_DB = forced;
    await k?.closeAll();
  });

  const subscription = async (id: string, token: string) => (await k.call('get', `/api/subscriptions/${id}`, token)).body as Record<string, unknown>;
  const renewal = (providerSubscriptionId: string, token: string | undefined, body: object = {}) => k.call('post', `/api/payments/sandbox/subscriptions/${providerSubscriptionId}/renewal`, token, body);
  const invoicesPaid = async (subscriptionId: string) =>
    (await k.t.app.get<EventStore>(EVENT_STORE).readStream<{ invoiceId: string; amount: { amount: number; currency: string } }>(subscriptionStream(k.t.tenantId, subscriptionId)))
      .filter((event) => event.type === 'SubscriptionInvoicePaid')
      .map((event) => event.data.amount.amount);

  it('subscribes (the sandbox pays the first invoice at once), spends the quota under 20 parallel votes exactly once, renews on its clock at period end and cancels', async () => {
    await k.at('2026-03-01T12:00:00.000Z');
    const planId = await k.createPlan({ ...plans.strict, dailyQuota: 5 });
    const { contestants } = await k.openEvent(1000);
    const voter = await k.voter();
    const subscribed = await k.call('post', '/api/subscriptions', voter.token, { planId, timeZone: 'Pacific/Auckland' });
    expect(subscribed.status).toBe(201);
    expect(subscribed.body).toMatchObject({ provider: 'sandbox', status: 'active', quotaActive: true, paidThrough: '2026-04-01T12:00:00.000Z', providerSubscriptionId: expect.stringMatching(/^sub_sandbox_/) });
    const { subscriptionId } = subscribed.body as { subscriptionId: string };

    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => k.vote(voter.token, contestants[i % 3], 1)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    expect(results.filter((r) => r.status !== 201).every((r) => r.body.type === problemType('quota-exhausted'))).toBe(true);
    expect(await k.quotaDrawn(voter.userId)).toBe(5);

    // Next Auckland midnight: the quota is back.
    await k.at('2026-03-02T11:00:00.000Z');
    expect((await k.vote(voter.token, contestants[0], 5)).status).toBe(201);

    // Past the paid period the sandbox's clock charges its card on file, as Stripe does.
    await k.at('2026-04-01T12:00:00.000Z');
    expect((await subscription(subscriptionId, voter.token)).quotaActive).toBe(true);
    expect(await k.t.app.get(SandboxBillingJob).run()).toMatchObject({ renewed: 1, ended: 0 });
    expect(await subscription(subscriptionId, voter.token)).toMatchObject({ status: 'active', paidThrough: '2026-05-01T12:00:00.000Z' });
    expect(await invoicesPaid(subscriptionId)).toEqual([499, 499]);

    const cancelled = await k.call('post', `/api/subscriptions/${subscriptionId}/cancel`, voter.token);
    expect(cancelled.body).toMatchObject({ endDate: '2026-05-01T12:00:00.000Z', quotaActive: true });
    await k.at('2026-05-01T12:00:00.000Z');
    expect(await subscription(subscriptionId, voter.token)).toMatchObject({ status: 'ended', quotaActive: false });
    // The sandbox ends it at the period's end: customer.subscription.deleted, through the same route.
    expect(await k.t.app.get(SandboxBillingJob).run()).toMatchObject({ renewed: 0, ended: 1 });
    const events = (await k.t.app.get<EventStore>(EVENT_STORE).readStream(subscriptionStream(k.t.tenantId, subscriptionId))).map((event) => event.type);
    expect(events.slice(-2)).toEqual(['SubscriptionCancelScheduled', 'SubscriptionEnded']);
  });

  it('upgrade mid-day is billed with the prorated invoice; a renewal failed through the control → grace → suspended; settled → active again', async () => {
    await k.at('2026-06-01T12:00:00.000Z');
    const basic = await k.createPlan(plans.basic); // 3 a day, 2.99 a month
    const pro = await k.createPlan(plans.pro); // 10 a day, 9.99 a month
    const { contestants } = await k.openEvent(1000, '2026-12-31T00:00:00Z');
    const voter = await k.voter();
    const stranger = await k.voter();
    const { subscriptionId } = await k.subscribe(voter.token, basic, 'America/New_York');
    const started = await subscription(subscriptionId, voter.token);
    expect(started).toMatchObject({ provider: 'sandbox', status: 'active', quotaActive: true, dailyQuota: 3, paidThrough: '2026-07-01T12:00:00.000Z' });
    const sandboxId = started.providerSubscriptionId as string;

    // Quota available: three votes draw on it.
    await k.at('2026-06-10T16:00:00.000Z'); // noon in New York
    for (let i = 0; i < 3; i++) expect((await k.vote(voter.token, contestants[0], 1)).status).toBe(201);
    expect(await k.quotaDrawn(voter.userId)).toBe(3);

    // Upgrade at noon: 20 d 20 h (1,800,000 s) of the 30-day period (2,592,000 s) are left, 25/36 of it.
    // Unused time on 299: −round(299 × 25/36 = 207.64) = −208; remaining time on 999: +round(999 × 25/36 = 693.75) = +694; invoice 486.
    const upgraded = await k.call('post', `/api/subscriptions/${subscriptionId}/upgrade`, voter.token, { planId: pro });
    expect(upgraded.status).toBe(200);
    expect(upgraded.body).toMatchObject({ dailyQuota: 10, status: 'active', paidThrough: '2026-07-01T12:00:00.000Z' });
    expect(await invoicesPaid(subscriptionId)).toEqual([299, 486]);
    const books = await k.t.app.get(SandboxBilling).get(k.t.tenantId, sandboxId);
    expect(books).toMatchObject({ price: { amount: 999, currency: 'USD' }, status: 'active', credit: 0, invoiceCount: 2, currentPeriodEndMs: Date.parse('2026-07-01T12:00:00.000Z') });
    // Today's quota is the new plan's minus what was used: 7 more.
    expect((await k.vote(voter.token, contestants[1], 7)).status).toBe(201);
    expect(await k.quotaDrawn(voter.userId)).toBe(10);

    // The control refuses whoever is not the customer or an organizer, a missing sign-in and a bad card, and changes nothing.
    expect((await renewal(sandboxId, stranger.token)).body.type).toBe(problemType('sandbox-subscription-not-found'));
    expect((await renewal(sandboxId, undefined)).status).toBe(401);
    const badCard = await renewal(sandboxId, voter.token, { card: '5555555555554444' });
    expect(badCard.status).toBe(422);
    expect(badCard.body).toMatchObject({ type: problemType('sandbox-card-unknown') });
    expect((await renewal('sub_sandbox_nothing', k.organizer.token)).status).toBe(404);
    expect((await k.t.app.get(SandboxBilling).get(k.t.tenantId, sandboxId)).invoiceCount).toBe(2);

    // Period end: the renewal fails (Stripe's declining test card) → past_due, quota kept for the grace (72 h).
    await k.at('2026-07-01T12:00:00.000Z');
    const failed = await renewal(sandboxId, voter.token, { card: '4000 0000 0000 0002' });
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({
      sandbox: true,
      outcome: 'declined',
      status: 'past_due',
      invoice: { amountDue: 999, currency: 'USD', attemptCount: 1, paid: false, periodStart: '2026-07-01T12:00:00.000Z', periodEnd: '2026-08-01T12:00:00.000Z' },
      webhooks: [
        { eventType: 'invoice.payment_failed', outcome: 'processed', duplicate: false },
        { eventType: 'customer.subscription.updated', outcome: 'processed', duplicate: false },
      ],
    });
    expect(await subscription(subscriptionId, voter.token)).toMatchObject({ status: 'past_due', quotaActive: true, graceUntil: '2026-07-04T12:00:00.000Z' });
    expect((await k.vote(voter.token, contestants[2], 1)).status).toBe(201);
    expect(await k.quotaDrawn(voter.userId)).toBe(11);

    // Grace over: no quota (even before the job records it), then the dunning job suspends.
    await k.at('2026-07-04T12:00:01.000Z');
    expect(await subscription(subscriptionId, voter.token)).toMatchObject({ status: 'suspended', quotaActive: false });
    expect(await k.t.app.get(Dunning).run()).toEqual({ suspended: 1 });
    expect((await k.vote(voter.token, contestants[2], 1)).status).not.toBe(201);
    expect(await k.quotaDrawn(voter.userId)).toBe(11);

    // The customer settles (the card on file pays the same invoice), ten times at once: one pays, nine find nothing to settle.
    const settles = await Promise.all(Array.from({ length: 10 }, () => renewal(sandboxId, voter.token, {})));
    expect(settles.map((r) => r.status).sort()).toEqual([200, ...Array<number>(9).fill(409)]);
    expect(settles.filter((r) => r.status === 409).every((r) => r.body.type === problemType('sandbox-subscription-not-billable'))).toBe(true);
    const settled = settles.find((r) => r.status === 200)!;
    expect(settled.body).toMatchObject({
      status: 'active',
      currentPeriodEnd: '2026-08-01T12:00:00.000Z',
      invoice: { invoiceId: (failed.body as { invoice: { invoiceId: string } }).invoice.invoiceId, amountDue: 999, attemptCount: 2, paid: true },
      webhooks: [{ eventType: 'invoice.paid', outcome: 'processed' }, { eventType: 'customer.subscription.updated', outcome: 'processed' }],
    });
    expect(await subscription(subscriptionId, voter.token)).toMatchObject({ status: 'active', quotaActive: true, paidThrough: '2026-08-01T12:00:00.000Z', graceUntil: null });
    expect((await k.vote(voter.token, contestants[2], 1)).status).toBe(201);
    expect(await invoicesPaid(subscriptionId)).toEqual([299, 486, 999]);

    // Every step came through the billing webhook inbox, signed and recorded once per event.
    const rows = await k.t.app.get(EntityManager).fork().getConnection().execute<{ event_type: string; status: string }[]>(
      `select event_type, status from subscription_webhooks where provider = 'sandbox' and subscription_id = ? order by received_at, event_type`,
      [subscriptionId],
    );
    expect(rows.map((row) => `${row.event_type}:${row.status}`)).toEqual([
      'customer.subscription.updated:processed',
      'invoice.paid:processed',
      'customer.subscription.updated:processed',
      'invoice.paid:processed',
      'customer.subscription.updated:processed',
      'invoice.payment_failed:processed',
      'customer.subscription.updated:processed',
      'invoice.paid:processed',
    ]);
  });
});
