import { PlanPrice, OveragePolicy } from '../../domain/plan.events';
import { BillingProviderName } from '../../domain/subscription.events';
import { quotaUsable, statusAt, SubscriptionState, SubscriptionStatus } from '../../domain/subscription.state';

/** A subscription as the API shows it, read from its stream (so always current). */
export interface SubscriptionView {
  subscriptionId: string;
  userId: string;
  planId: string;
  planName: string;
  dailyQuota: number;
  monthlyCost: PlanPrice;
  overage: OveragePolicy;
  timeZone: string;
  status: SubscriptionStatus;
  /** Whether votes draw on the daily quota right now. */
  quotaActive: boolean;
  provider: BillingProviderName;
  /** The provider's subscription (Stripe's `sub_…`, or the sandbox's, which its controls take). */
  providerSubscriptionId: string;
  startDate: string;
  /** End of the paid period; null until the first invoice is paid. */
  paidThrough: string | null;
  /** When a failed renewal's grace ends (past_due only). */
  graceUntil: string | null;
  /** When a cancelled subscription ends. */
  endDate: string | null;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function subscriptionView(state: SubscriptionState, now: Date, graceMs: number): SubscriptionView {
  const nowMs = now.getTime();
  return {
    subscriptionId: state.subscriptionId,
    userId: state.userId,
    planId: state.plan.planId,
    planName: state.plan.name,
    dailyQuota: state.plan.dailyQuota,
    monthlyCost: state.plan.monthlyCost,
    overage: state.plan.overage,
    timeZone: state.timeZone,
    status: statusAt(state, nowMs),
    quotaActive: quotaUsable(state, nowMs, graceMs),
    provider: state.provider,
    providerSubscriptionId: state.providerSubscriptionId,
    startDate: state.startedAt,
    paidThrough: iso(state.paidThroughMs),
    graceUntil: state.status === 'past_due' ? iso(state.graceUntilMs) : null,
    endDate: iso(state.cancelAtMs),
  };
}
