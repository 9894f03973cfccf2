import { SpendingSource } from './contest.events';

export type SpendingPlan = Record<SpendingSource, number> & { unpaid: number };

/**
 * Splits a vote's amount over what is available from each source, taking from each in the
 * event's order as much as it has. `unpaid` is what no source covers (the vote is refused).
 */
export function spendInOrder(order: readonly SpendingSource[], amount: number, available: Readonly<Record<SpendingSource, number>>): SpendingPlan {
  const plan: SpendingPlan = { free: 0, subscription: 0, credits: 0, unpaid: amount };
  for (const source of order) {
    const take = Math.min(available[source], plan.unpaid);
    plan[source] = take;
    plan.unpaid -= take;
  }
  return plan;
}
