import { PlanEvent, PlanTerms } from '../domain/plan.events';
import { planDecider, PlanState } from '../domain/plan.state';
import { SubscribedPlan, SubscriptionEvent } from '../domain/subscription.events';
import { subscriptionDecider, SubscriptionState } from '../domain/subscription.state';

/** Fixtures for the pure specs: plans and subscription states built from events, as the streams build them. */
export const SUB = '01930000-0000-7000-8000-000000000051';
export const USER = '01930000-0000-7000-8000-000000000071';
export const START = '2026-03-01T12:00:00.000Z';

export const PRO: PlanTerms = { name: 'Pro', dailyQuota: 10, monthlyCost: { amount: 999, currency: 'USD' }, overage: 'allow', features: ['10 a day'] };

export function plan(planId: string, terms: PlanTerms = PRO, ...more: PlanEvent[]): PlanState {
  const created: PlanEvent = { type: 'PlanCreated', data: { planId, ...terms, at: START } };
  return [created, ...more].reduce(planDecider.evolve, planDecider.initialState());
}

export function subscribed(planId: string, terms: Partial<PlanTerms> = {}): SubscribedPlan {
  const t = { ...PRO, ...terms };
  return { planId, version: 1, name: t.name, dailyQuota: t.dailyQuota, monthlyCost: t.monthlyCost, overage: t.overage };
}

export function started(planned: SubscribedPlan = subscribed('01930000-0000-7000-8000-0000000000a1'), timeZone = 'UTC'): SubscriptionEvent {
  return {
    type: 'SubscriptionStarted',
    data: { subscriptionId: SUB, userId: USER, plan: planned, timeZone, provider: 'stripe', providerCustomerId: 'cus_1', providerSubscriptionId: 'sub_1', providerItemId: 'si_1', at: START },
  };
}

export function paid(invoiceId = 'in_1', periodEnd = '2026-04-01T12:00:00.000Z'): SubscriptionEvent {
  return { type: 'SubscriptionInvoicePaid', data: { subscriptionId: SUB, invoiceId, amount: { amount: 999, currency: 'USD' }, periodStart: START, periodEnd, at: START } };
}

export function subscription(...events: SubscriptionEvent[]): SubscriptionState {
  return events.reduce(subscriptionDecider.evolve, subscriptionDecider.initialState());
}

export function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    throw error;
  }
  throw new Error('expected a refusal');
}
