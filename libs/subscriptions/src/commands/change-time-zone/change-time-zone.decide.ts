import { firstMidnightAtOrAfter } from '../../domain/local-day';
import { SubscriberTimeZoneChanged } from '../../domain/subscriber.events';
import { SubscriberState } from '../../domain/subscriber.state';
import { SubscriptionTimeZoneChanged } from '../../domain/subscription.events';
import { quotaDate, quotaDayEnd, SubscriptionState } from '../../domain/subscription.state';
import { SubscriptionsError } from '../../subscriptions.errors';

/**
 * Moves a subscription to another IANA zone (`timeZone` already checked). The rule for today
 * (docs: libs/subscriptions/README.md "Time zones"): the quota day in force is never shortened.
 * It goes on until the first midnight of the new zone at or after its normal end, and only
 * then do days follow the new zone, so no zone hop starts a fresh quota early; a hop east can
 * make today longer (up to about a day), which costs the hopper, never the tenant. While such a
 * carried-over day runs, another change is refused (409), so a day cannot be stretched twice.
 * The same zone again changes nothing.
 */
export function decideChangeTimeZone(state: SubscriptionState, timeZone: string, now: Date): SubscriptionTimeZoneChanged[] {
  if (!state.exists) throw new SubscriptionsError('SUBSCRIPTIONS.SUBSCRIPTION_NOT_FOUND', 'No such subscription');
  if (state.status === 'ended' || (state.cancelAtMs !== null && now.getTime() >= state.cancelAtMs)) {
    throw new SubscriptionsError('SUBSCRIPTIONS.NOT_CHANGEABLE', 'An ended subscription cannot change time zone', { status: 'ended' });
  }
  if (state.timeZone === timeZone) return [];
  const nowMs = now.getTime();
  if (state.carriedDay !== null && nowMs < state.carriedDay.untilMs) {
    throw new SubscriptionsError('SUBSCRIPTIONS.TIME_ZONE_CHANGE_PENDING', `The last time zone change takes effect at ${new Date(state.carriedDay.untilMs).toISOString()}; change again after that`, {
      effectiveAt: new Date(state.carriedDay.untilMs).toISOString(),
    });
  }
  const today = quotaDate(state, nowMs);
  const todayEndsAt = firstMidnightAtOrAfter(quotaDayEnd(state, nowMs), timeZone);
  return [
    {
      type: 'SubscriptionTimeZoneChanged',
      data: { subscriptionId: state.subscriptionId, from: state.timeZone, to: timeZone, today, todayEndsAt: new Date(todayEndsAt).toISOString(), at: now.toISOString() },
    },
  ];
}

/** The user's stored zone, for subscriptions started later; the same zone again changes nothing. */
export function decideSubscriberTimeZone(state: SubscriberState, userId: string, timeZone: string, now: Date): SubscriberTimeZoneChanged[] {
  return state.timeZone === timeZone ? [] : [{ type: 'SubscriberTimeZoneChanged', data: { userId, timeZone, at: now.toISOString() } }];
}
