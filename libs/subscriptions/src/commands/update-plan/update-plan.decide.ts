import { PlanTerms, PlanUpdated } from '../../domain/plan.events';
import { PlanState } from '../../domain/plan.state';
import { SubscriptionsError } from '../../subscriptions.errors';
import { normalisedTerms } from '../create-plan/create-plan.decide';

/** New terms for new subscriptions and plan changes; running subscriptions keep the terms they started on. Same terms again: nothing. */
export function decideUpdatePlan(terms: PlanTerms, state: PlanState, now: Date): PlanUpdated[] {
  if (!state.exists) throw new SubscriptionsError('SUBSCRIPTIONS.PLAN_NOT_FOUND', 'No such pricing plan');
  if (state.retired) throw new SubscriptionsError('SUBSCRIPTIONS.PLAN_RETIRED', 'A retired plan cannot change', { planId: state.planId });
  const next = normalisedTerms(terms);
  if (JSON.stringify(next) === JSON.stringify(state.terms)) return [];
  return [{ type: 'PlanUpdated', data: { planId: state.planId, version: state.version + 1, ...next, at: now.toISOString() } }];
}
