import { OveragePolicy, PlanPrice } from '../../domain/plan.events';

export interface PlanView {
  planId: string;
  name: string;
  dailyQuota: number;
  monthlyCost: PlanPrice;
  overage: OveragePolicy;
  features: string[];
  version: number;
  retired: boolean;
}

export interface PlanRowSql {
  plan_id: string;
  name: string;
  daily_quota: number;
  monthly_cost: number;
  currency: string;
  overage: OveragePolicy;
  features: string[];
  version: number;
  retired: boolean;
}

export function planViewOf(row: PlanRowSql): PlanView {
  return {
    planId: row.plan_id,
    name: row.name,
    dailyQuota: row.daily_quota,
    monthlyCost: { amount: row.monthly_cost, currency: row.currency },
    overage: row.overage,
    features: row.features,
    version: row.version,
    retired: row.retired,
  };
}
