import { PlanCreated, PlanTerms } from '../../domain/plan.events';
import { PlanState } from '../../domain/plan.state';

/** A new plan on its own stream (appended with no_stream, so a retried id cannot create it twice). */
export function decideCreatePlan(terms: PlanTerms, planId: string, state: PlanState, now: Date): PlanCreated[] {
  if (state.exists) return [];
  return [{ type: 'PlanCreated', data: { planId, ...normalisedTerms(terms), at: now.toISOString() } }];
}

/** Trimmed names, upper-case currency, features without duplicates. */
export function normalisedTerms(terms: PlanTerms): PlanTerms {
  return {
    name: terms.name.trim(),
    dailyQuota: terms.dailyQuota,
    monthlyCost: { amount: terms.monthlyCost.amount, currency: terms.monthlyCost.currency.toUpperCase() },
    overage: terms.overage,
    features: [...new Set(terms.features.map((feature) => feature.trim()))],
  };
}
