import { PlanRetired } from '../../domain/plan.events';
import { PlanState } from '../../domain/plan.state';
import { SubscriptionsError } from '../../subscriptions.errors';

/** Deleting a plan retires it: no new subscribers, while running subscriptions keep their terms (their history needs them). */
export function decideRetirePlan(state: PlanState, now: Date): PlanRetired[] {
  if (!state.exists) throw new SubscriptionsError('SUBSCRIPTIONS.PLAN_NOT_FOUND', 'No such pricing plan');
  if (state.retired) return [];
  return [{ type: 'PlanRetired', data: { planId: state.planId, at: now.toISOString() } }];
}
