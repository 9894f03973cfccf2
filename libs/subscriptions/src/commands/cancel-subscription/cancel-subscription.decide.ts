import { SubscriptionCancelScheduled } from '../../domain/subscription.events';
import { SubscriptionState } from '../../domain/subscription.state';
import { SubscriptionsError } from '../../subscriptions.errors';

/**
 * Cancel at the end of the paid period: the quota stays until then, nothing is refunded, no
 * renewal is billed. A subscription never paid ends now. Cancelling twice changes nothing.
 */
export function decideCancelSubscription(state: SubscriptionState, now: Date): SubscriptionCancelScheduled[] {
  if (!state.exists) throw new SubscriptionsError('SUBSCRIPTIONS.SUBSCRIPTION_NOT_FOUND', 'No such subscription');
  if (state.status === 'ended') throw new SubscriptionsError('SUBSCRIPTIONS.NOT_CHANGEABLE', 'The subscription has ended', { status: state.status });
  if (state.cancelAtMs !== null) return [];
  const endsAt = Math.max(state.paidThroughMs ?? now.getTime(), now.getTime());
  return [{ type: 'SubscriptionCancelScheduled', data: { subscriptionId: state.subscriptionId, endsAt: new Date(endsAt).toISOString(), at: now.toISOString() } }];
}
