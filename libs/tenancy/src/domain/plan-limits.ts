import { PlanType } from './tenant.events';

/** What a plan allows; null = no limit. */
export interface PlanLimits {
  /** Contests the tenant may create in all. */
  contests: number | null;
  /** Votes (VoteCast events) a day, UTC; shown against usage in GET /api/tenants/{id}/usage. */
  votesPerDay: number | null;
}

export const PLAN_LIMITS: Readonly<Record<PlanType, PlanLimits>> = {
  free: { contests: 10, votesPerDay: 10_000 },
  pro: { contests: 100, votesPerDay: 1_000_000 },
  enterprise: { contests: null, votesPerDay: null },
};

/** Unknown plan names (none today) get the free plan's limits. */
export function planLimits(planType: string): PlanLimits {
  return PLAN_LIMITS[planType as PlanType] ?? PLAN_LIMITS.free;
}
