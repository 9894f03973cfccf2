import { planDecider } from '../../domain/plan.state';
import { subscriberDecider } from '../../domain/subscriber.state';
import { subscriptionDecider } from '../../domain/subscription.state';
import { paid, plan, refusal, started, SUB, subscribed, subscription, USER } from '../../testing/subscription-fixtures';
import { ABANDONED_RESERVATION_MS, decideReserveSubscriber, decideStartSubscription, subscribedPlanOf } from './create-subscription.decide';

const P = '01930000-0000-7000-8000-0000000000a1';
const OTHER = '01930000-0000-7000-8000-000000000052';
const NOW = new Date('2026-03-01T12:00:00Z');
const reserve = { userId: USER, subscriptionId: OTHER, timeZone: 'Pacific/Auckland' };

function heldBy(subscriptionId: string, at = NOW) {
  return subscriberDecider.evolve(subscriberDecider.initialState(), { type: 'SubscriberSubscribed', data: { userId: USER, subscriptionId, timeZone: 'UTC', at: at.toISOString() } });
}

describe('subscribing', () => {
  it('copies the plan terms; a retired or unknown plan is refused', () => {
    expect(subscribedPlanOf(plan(P))).toEqual(subscribed(P));
    expect(refusal(() => subscribedPlanOf(planDecider.initialState()))).toBe('SUBSCRIPTIONS.PLAN_NOT_FOUND');
    expect(refusal(() => subscribedPlanOf(plan(P, undefined, { type: 'PlanRetired', data: { planId: P, at: NOW.toISOString() } })))).toBe('SUBSCRIPTIONS.PLAN_RETIRED');
  });

  it('reserves a free slot with the zone, and a retry of the same subscription appends nothing', () => {
    const [event] = decideReserveSubscriber(reserve, subscriberDecider.initialState(), null, NOW);
    expect(event.data).toEqual({ userId: USER, subscriptionId: OTHER, timeZone: 'Pacific/Auckland', at: NOW.toISOString() });
    expect(decideReserveSubscriber(reserve, heldBy(OTHER), null, NOW)).toEqual([]);
  });

  it('refuses a second live subscription, one just being started, and a stale view of the slot', () => {
    const live = subscription(started(), paid());
    expect(refusal(() => decideReserveSubscriber(reserve, heldBy(SUB), { subscriptionId: SUB, state: live }, NOW))).toBe('SUBSCRIPTIONS.ALREADY_SUBSCRIBED');
    expect(refusal(() => decideReserveSubscriber(reserve, heldBy(SUB), { subscriptionId: SUB, state: subscriptionDecider.initialState() }, NOW))).toBe('SUBSCRIPTIONS.ALREADY_SUBSCRIBED');
    expect(refusal(() => decideReserveSubscriber(reserve, heldBy(SUB), null, NOW))).toBe('SUBSCRIPTIONS.ALREADY_SUBSCRIBED');
  });

  it('takes the slot of an ended subscription, a cancelled one past its end, or an abandoned reservation', () => {
    const ended = subscription(started(), paid(), { type: 'SubscriptionEnded', data: { subscriptionId: SUB, reason: 'canceled', at: NOW.toISOString() } });
    expect(decideReserveSubscriber(reserve, heldBy(SUB), { subscriptionId: SUB, state: ended }, NOW)).toHaveLength(1);
    const cancelled = subscription(started(), paid(), { type: 'SubscriptionCancelScheduled', data: { subscriptionId: SUB, endsAt: '2026-02-01T00:00:00.000Z', at: NOW.toISOString() } });
    expect(decideReserveSubscriber(reserve, heldBy(SUB), { subscriptionId: SUB, state: cancelled }, NOW)).toHaveLength(1);
    const long = new Date(NOW.getTime() - ABANDONED_RESERVATION_MS - 1);
    expect(decideReserveSubscriber(reserve, heldBy(SUB, long), { subscriptionId: SUB, state: subscriptionDecider.initialState() }, NOW)).toHaveLength(1);
  });

  it('starts the subscription once; the same id for another user is a reused key', () => {
    const input = { subscriptionId: SUB, userId: USER, plan: subscribed(P), timeZone: 'UTC', provider: 'stripe' as const, account: { owner: 'tenant' as const, keyFingerprint: '1a2b3c4d' }, billing: { customerId: 'cus_1', providerSubscriptionId: 'sub_1', itemId: 'si_1' } };
    const [event] = decideStartSubscription(input, subscriptionDecider.initialState(), NOW);
    expect(event.data).toMatchObject({ subscriptionId: SUB, providerSubscriptionId: 'sub_1', providerItemId: 'si_1' });
    const state = subscription(event);
    expect(state.status).toBe('incomplete');
    // It stays on the account it started on; events from before tenants' own accounts mean the platform's.
    expect(state.billingAccount).toEqual({ owner: 'tenant', keyFingerprint: '1a2b3c4d' });
    expect(subscription({ ...event, data: { ...event.data, account: undefined } }).billingAccount).toEqual({ owner: 'platform' });
    expect(decideStartSubscription(input, state, NOW)).toEqual([]);
    expect(refusal(() => decideStartSubscription({ ...input, userId: 'someone-else' }, state, NOW))).toBe('SUBSCRIPTIONS.IDEMPOTENCY_KEY_REUSED');
  });
});
