import { PlanChangeDirection, SubscribedPlan, SubscriptionPlanChanged } from '../../domain/subscription.events';
import { SubscriptionState } from '../../domain/subscription.state';
import { SubscriptionsError } from '../../subscriptions.errors';

/**
 * Upgrade or downgrade, as asked. An upgrade costs more per month (or, at the same price, gives
 * more votes a day); a downgrade the reverse. The new quota counts from now, today included:
 * today's votes already used stay used, so today's left is the new quota minus them (zero when
 * a downgrade's quota is below what was used). Only a paid, running subscription changes.
 */
export function decideChangePlan(direction: PlanChangeDirection, to: SubscribedPlan, state: SubscriptionState, now: Date): SubscriptionPlanChanged[] {
  if (!state.exists) throw new SubscriptionsError('SUBSCRIPTIONS.SUBSCRIPTION_NOT_FOUND', 'No such subscription');
  if (state.status !== 'active' || (state.cancelAtMs !== null)) {
    throw new SubscriptionsError('SUBSCRIPTIONS.NOT_CHANGEABLE', `A ${state.cancelAtMs !== null ? 'cancelled' : state.status} subscription cannot change plan`, { status: state.status });
  }
  const from = state.plan;
  if (from.monthlyCost.currency !== to.monthlyCost.currency) {
    throw new SubscriptionsError('SUBSCRIPTIONS.CURRENCY_MISMATCH', `The plan is priced in ${to.monthlyCost.currency}, the subscription in ${from.monthlyCost.currency}`, {
      errors: [{ field: 'planId', message: `is priced in ${to.monthlyCost.currency}, not ${from.monthlyCost.currency}` }],
    });
  }
  const rank = Math.sign(to.monthlyCost.amount - from.monthlyCost.amount) || Math.sign(to.dailyQuota - from.dailyQuota);
  if ((direction === 'upgrade' && rank <= 0) || (direction === 'downgrade' && rank >= 0)) {
    throw new SubscriptionsError('SUBSCRIPTIONS.WRONG_DIRECTION', `${to.name} is not a${direction === 'upgrade' ? 'n upgrade' : ' downgrade'} of ${from.name}`, {
      errors: [{ field: 'planId', message: `is not a${direction === 'upgrade' ? 'n upgrade' : ' downgrade'} of the current plan` }],
    });
  }
  return [{ type: 'SubscriptionPlanChanged', data: { subscriptionId: state.subscriptionId, direction, from, to, at: now.toISOString() } }];
}
