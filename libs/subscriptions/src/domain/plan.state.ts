import { StreamDecider } from '@tally/eventstore';
import { PlanEvent, PlanTerms } from './plan.events';

export interface PlanState {
  exists: boolean;
  planId: string;
  /** Starts at 1; each update adds one. */
  version: number;
  terms: PlanTerms;
  retired: boolean;
}

export function initialPlanState(): PlanState {
  return { exists: false, planId: '', version: 0, terms: { name: '', dailyQuota: 0, monthlyCost: { amount: 0, currency: 'USD' }, overage: 'allow', features: [] }, retired: false };
}

function termsOf(data: PlanTerms): PlanTerms {
  return { name: data.name, dailyQuota: data.dailyQuota, monthlyCost: data.monthlyCost, overage: data.overage, features: data.features };
}

export function evolvePlan(state: PlanState, event: PlanEvent): PlanState {
  switch (event.type) {
    case 'PlanCreated':
      return { exists: true, planId: event.data.planId, version: 1, terms: termsOf(event.data), retired: false };
    case 'PlanUpdated':
      return { ...state, version: event.data.version, terms: termsOf(event.data) };
    case 'PlanRetired':
      return { ...state, retired: true };
    default: {
      const unknown: never = event;
      throw new Error(`Unknown plan event ${(unknown as { type: string }).type}`);
    }
  }
}

export const planDecider: StreamDecider<PlanState, PlanEvent> = { aggregate: 'plan', initialState: initialPlanState, evolve: evolvePlan };
