import { PlanState } from '../../domain/plan.state';
import { SubscriberSubscribed } from '../../domain/subscriber.events';
import { SubscriberState } from '../../domain/subscriber.state';
import { BillingAccount, BillingProviderName, SubscribedPlan, SubscriptionStarted } from '../../domain/subscription.events';
import { SubscriptionState } from '../../domain/subscription.state';
import { SubscriptionsError } from '../../subscriptions.errors';

/** A reservation whose subscription never started (the process stopped in between) stops blocking after this long. */
export const ABANDONED_RESERVATION_MS = 10 * 60_000;

/** The plan terms a new subscription (or a plan change) runs on; a missing or retired plan is refused. */
export function subscribedPlanOf(plan: PlanState): SubscribedPlan {
  if (!plan.exists) throw new SubscriptionsError('SUBSCRIPTIONS.PLAN_NOT_FOUND', 'No such pricing plan', { errors: [{ field: 'planId', message: 'names no plan of this tenant' }] });
  if (plan.retired) throw new SubscriptionsError('SUBSCRIPTIONS.PLAN_RETIRED', 'The plan takes no new subscribers', { planId: plan.planId });
  const { name, dailyQuota, monthlyCost, overage } = plan.terms;
  return { planId: plan.planId, version: plan.version, name, dailyQuota, monthlyCost, overage };
}

/**
 * Reserves the user's one subscription slot on the subscriber stream (its expected revision
 * makes two concurrent subscribes of one user decide one after the other). `current` is the
 * subscription the slot held when the caller read it: a live one blocks, and so does one
 * reserved moments ago whose stream does not exist yet (its start is in progress). If the slot
 * moved since the caller read it, the caller's view is stale and the reservation is refused.
 */
export function decideReserveSubscriber(
  input: { userId: string; subscriptionId: string; timeZone: string },
  subscriber: SubscriberState,
  current: { subscriptionId: string; state: SubscriptionState } | null,
  now: Date,
): SubscriberSubscribed[] {
  if (subscriber.subscriptionId === input.subscriptionId) return [];
  if (subscriber.subscriptionId !== null) {
    const stale = current?.subscriptionId !== subscriber.subscriptionId;
    if (stale || isLive(current.state, subscriber.reservedAtMs ?? 0, now.getTime())) {
      throw new SubscriptionsError('SUBSCRIPTIONS.ALREADY_SUBSCRIBED', 'This user already has a subscription; upgrade, downgrade or cancel it instead', { subscriptionId: subscriber.subscriptionId });
    }
  }
  return [{ type: 'SubscriberSubscribed', data: { userId: input.userId, subscriptionId: input.subscriptionId, timeZone: input.timeZone, at: now.toISOString() } }];
}

function isLive(state: SubscriptionState, reservedAtMs: number, nowMs: number): boolean {
  if (!state.exists) return nowMs - reservedAtMs < ABANDONED_RESERVATION_MS;
  if (state.status === 'ended') return false;
  return state.cancelAtMs === null || nowMs < state.cancelAtMs;
}

/** The subscription's first event. A retry (same id) appends nothing; the same id for another user or plan is a reused key. */
export function decideStartSubscription(
  input: {
    subscriptionId: string;
    userId: string;
    plan: SubscribedPlan;
    timeZone: string;
    provider: BillingProviderName;
    account: BillingAccount;
    billing: { customerId: string; providerSubscriptionId: string; itemId: string };
  },
  state: SubscriptionState,
  now: Date,
): SubscriptionStarted[] {
  if (state.exists) {
    if (state.userId !== input.userId || state.plan.planId !== input.plan.planId) {
      throw new SubscriptionsError('SUBSCRIPTIONS.IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for another subscription');
    }
    return [];
  }
  return [
    {
      type: 'SubscriptionStarted',
      data: {
        subscriptionId: input.subscriptionId,
        userId: input.userId,
        plan: input.plan,
        timeZone: input.timeZone,
        provider: input.provider,
        providerCustomerId: input.billing.customerId,
        providerSubscriptionId: input.billing.providerSubscriptionId,
        providerItemId: input.billing.itemId,
        account: input.account,
        at: now.toISOString(),
      },
    },
  ];
}
