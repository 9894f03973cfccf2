import { Dunning } from '@tally/subscriptions';
import { problemType } from '../voting/voting-test-kit';
import { plans, startSubscriptionsE2e, SubscriptionsE2e } from './subscriptions-test-kit';

/** The embedded mode: PGlite and the billing sandbox, which pays through the same signed webhook route as Stripe. */
describe('subscriptions in the embedded mode (PGlite, billing sandbox)', () => {
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

  it('subscribes through the sandbox (first invoice paid at once), spends the quota under 20 parallel votes exactly once, renews at period end and cancels', async () => {
    await k.at('2026-03-01T12:00:00.000Z');
    const planId = await k.createPlan({ ...plans.strict, dailyQuota: 5 });
    const { contestants } = await k.openEvent(1000);
    const voter = await k.voter();
    const subscribed = await k.call('post', '/api/subscriptions', voter.token, { planId, timeZone: 'Pacific/Auckland' });
    expect(subscribed.status).toBe(201);
    expect(subscribed.body).toMatchObject({ provider: 'sandbox', status: 'active', quotaActive: true, paidThrough: '2026-04-01T12:00:00.000Z' });
    const { subscriptionId } = subscribed.body as { subscriptionId: string };

    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => k.vote(voter.token, contestants[i % 3], 1)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    expect(results.filter((r) => r.status !== 201).every((r) => r.body.type === problemType('quota-exhausted'))).toBe(true);
    expect(await k.quotaDrawn(voter.userId)).toBe(5);

    // Next Auckland midnight: the quota is back.
    await k.at('2026-03-02T11:00:00.000Z');
    expect((await k.vote(voter.token, contestants[0], 5)).status).toBe(201);

    // Past the paid period the sandbox charges its card on file (the dunning job's renewal).
    await k.at('2026-04-01T12:00:00.000Z');
    expect((await k.call('get', `/api/subscriptions/${subscriptionId}`, voter.token)).body.quotaActive).toBe(true);
    expect(await k.t.app.get(Dunning).run()).toMatchObject({ sandboxRenewals: 1 });
    expect((await k.call('get', `/api/subscriptions/${subscriptionId}`, voter.token)).body).toMatchObject({ status: 'active', paidThrough: '2026-05-01T12:00:00.000Z' });

    const cancelled = await k.call('post', `/api/subscriptions/${subscriptionId}/cancel`, voter.token);
    expect(cancelled.body).toMatchObject({ endDate: '2026-05-01T12:00:00.000Z', quotaActive: true });
    await k.at('2026-05-01T12:00:00.000Z');
    expect((await k.call('get', `/api/subscriptions/${subscriptionId}`, voter.token)).body).toMatchObject({ status: 'ended', quotaActive: false });
    expect(await k.t.app.get(Dunning).run()).toMatchObject({ sandboxRenewals: 0 });
  });
});
