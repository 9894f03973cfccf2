import { planDecider } from '../../domain/plan.state';
import { plan, PRO, refusal } from '../../testing/subscription-fixtures';
import { decideRetirePlan } from '../retire-plan/retire-plan.decide';
import { decideUpdatePlan } from '../update-plan/update-plan.decide';
import { decideCreatePlan } from './create-plan.decide';

const P = '01930000-0000-7000-8000-0000000000a1';
const NOW = new Date('2026-03-01T12:00:00Z');

describe('plan decisions', () => {
  it('creates a plan with trimmed, normalised terms, once', () => {
    const [created] = decideCreatePlan({ ...PRO, name: '  Pro ', monthlyCost: { amount: 999, currency: 'usd' }, features: ['a', 'a', ' b'] }, P, planDecider.initialState(), NOW);
    expect(created.data).toEqual({ planId: P, name: 'Pro', dailyQuota: 10, monthlyCost: { amount: 999, currency: 'USD' }, overage: 'allow', features: ['a', 'b'], at: NOW.toISOString() });
    expect(decideCreatePlan(PRO, P, plan(P), NOW)).toEqual([]);
  });

  it('updates to a new version, and not at all when nothing changes', () => {
    const [updated] = decideUpdatePlan({ ...PRO, dailyQuota: 20 }, plan(P), NOW);
    expect(updated.data).toMatchObject({ planId: P, version: 2, dailyQuota: 20 });
    expect(decideUpdatePlan(PRO, plan(P), NOW)).toEqual([]);
  });

  it('retires once; a retired or unknown plan cannot change', () => {
    const [retired] = decideRetirePlan(plan(P), NOW);
    const state = planDecider.evolve(plan(P), retired);
    expect(decideRetirePlan(state, NOW)).toEqual([]);
    expect(refusal(() => decideUpdatePlan(PRO, state, NOW))).toBe('SUBSCRIPTIONS.PLAN_RETIRED');
    expect(refusal(() => decideUpdatePlan(PRO, planDecider.initialState(), NOW))).toBe('SUBSCRIPTIONS.PLAN_NOT_FOUND');
    expect(refusal(() => decideRetirePlan(planDecider.initialState(), NOW))).toBe('SUBSCRIPTIONS.PLAN_NOT_FOUND');
  });
});
