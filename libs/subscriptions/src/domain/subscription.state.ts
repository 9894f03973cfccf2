import { StreamDecider } from '@tally/eventstore';
import { localDay, nextLocalMidnight } from './local-day';
import { BillingAccount, BillingProviderName, SubscribedPlan, SubscriptionEvent } from './subscription.events';

/**
 * incomplete → active (first invoice paid) ⇄ past_due (a renewal failed; quota kept during the
 * grace period) → suspended (grace over; an invoice paid later makes it active again);
 * any → ended (the provider ended it).
 */
export type SubscriptionStatus = 'incomplete' | 'active' | 'past_due' | 'suspended' | 'ended';

export interface SubscriptionState {
  exists: boolean;
  subscriptionId: string;
  userId: string;
  plan: SubscribedPlan;
  timeZone: string;
  provider: BillingProviderName;
  /** The Stripe account whose keys change, cancel and verify this subscription's billing. */
  billingAccount: BillingAccount;
  providerCustomerId: string;
  providerSubscriptionId: string;
  providerItemId: string;
  status: SubscriptionStatus;
  startedAt: string;
  /** End of the newest paid period (ms); null before the first invoice is paid. */
  paidThroughMs: number | null;
  /** While past_due: the quota stays usable until then (ms). */
  graceUntilMs: number | null;
  /** The invoice whose failure made it past_due. */
  failedInvoiceId: string | null;
  paidInvoices: ReadonlySet<string>;
  /** A cancel at the period's end: no quota from then on (ms). */
  cancelAtMs: number | null;
  /** After a time zone change: the old zone's day that goes on until `untilMs` (see SubscriptionTimeZoneChanged). */
  carriedDay: { date: string; untilMs: number } | null;
}

export function initialSubscriptionState(): SubscriptionState {
  return {
    exists: false,
    subscriptionId: '',
    userId: '',
    plan: { planId: '', version: 0, name: '', dailyQuota: 0, monthlyCost: { amount: 0, currency: 'USD' }, overage: 'allow' },
    timeZone: 'UTC',
    provider: 'sandbox',
    billingAccount: { owner: 'platform' },
    providerCustomerId: '',
    providerSubscriptionId: '',
    providerItemId: '',
    status: 'incomplete',
    startedAt: '',
    paidThroughMs: null,
    graceUntilMs: null,
    failedInvoiceId: null,
    paidInvoices: new Set(),
    cancelAtMs: null,
    carriedDay: null,
  };
}

export function evolveSubscription(state: SubscriptionState, event: SubscriptionEvent): SubscriptionState {
  switch (event.type) {
    case 'SubscriptionStarted': {
      const d = event.data;
      return {
        ...state,
        exists: true,
        subscriptionId: d.subscriptionId,
        userId: d.userId,
        plan: d.plan,
        timeZone: d.timeZone,
        provider: d.provider,
        billingAccount: d.account ?? { owner: 'platform' },
        providerCustomerId: d.providerCustomerId,
        providerSubscriptionId: d.providerSubscriptionId,
        providerItemId: d.providerItemId,
        status: 'incomplete',
        startedAt: d.at,
      };
    }
    case 'SubscriptionInvoicePaid': {
      const periodEnd = Date.parse(event.data.periodEnd);
      const paidInvoices = new Set(state.paidInvoices).add(event.data.invoiceId);
      const settled = state.failedInvoiceId === null || state.failedInvoiceId === event.data.invoiceId || periodEnd > (state.paidThroughMs ?? 0);
      return {
        ...state,
        paidInvoices,
        paidThroughMs: Math.max(state.paidThroughMs ?? 0, periodEnd),
        status: state.status === 'ended' ? 'ended' : settled ? 'active' : state.status,
        graceUntilMs: settled ? null : state.graceUntilMs,
        failedInvoiceId: settled ? null : state.failedInvoiceId,
      };
    }
    case 'SubscriptionPaymentFailed':
      return { ...state, status: 'past_due', graceUntilMs: Date.parse(event.data.graceUntil), failedInvoiceId: event.data.invoiceId };
    case 'SubscriptionSuspended':
      return { ...state, status: 'suspended' };
    case 'SubscriptionPlanChanged':
      return { ...state, plan: event.data.to };
    case 'SubscriptionCancelScheduled':
      return { ...state, cancelAtMs: Date.parse(event.data.endsAt) };
    case 'SubscriptionEnded':
      return { ...state, status: 'ended' };
    case 'SubscriptionTimeZoneChanged':
      return { ...state, timeZone: event.data.to, carriedDay: { date: event.data.today, untilMs: Date.parse(event.data.todayEndsAt) } };
    default: {
      const unknown: never = event;
      throw new Error(`Unknown subscription event ${(unknown as { type: string }).type}`);
    }
  }
}

export const subscriptionDecider: StreamDecider<SubscriptionState, SubscriptionEvent> = {
  aggregate: 'subscription',
  initialState: initialSubscriptionState,
  evolve: evolveSubscription,
};

/**
 * Whether the subscription gives quota at `nowMs`, decided from the stream alone (never from
 * whether a job ran): paid and not past its period (plus `lapseGraceMs` for a renewal's
 * webhook that is late), or past_due within its grace, and not cancelled as of now.
 */
export function quotaUsable(state: SubscriptionState, nowMs: number, lapseGraceMs: number): boolean {
  if (!state.exists) return false;
  if (state.cancelAtMs !== null && nowMs >= state.cancelAtMs) return false;
  switch (state.status) {
    case 'active':
      return state.paidThroughMs !== null && nowMs < state.paidThroughMs + lapseGraceMs;
    case 'past_due':
      return state.graceUntilMs !== null && nowMs < state.graceUntilMs;
    case 'incomplete':
    case 'suspended':
    case 'ended':
      return false;
    default: {
      const unknown: never = state.status;
      throw new Error(`Unknown status ${String(unknown)}`);
    }
  }
}

/** The status as of `nowMs`: a past_due subscription whose grace ran out is suspended even before the job records it. */
export function statusAt(state: SubscriptionState, nowMs: number): SubscriptionStatus {
  if (state.status === 'past_due' && state.graceUntilMs !== null && nowMs >= state.graceUntilMs) return 'suspended';
  if (state.cancelAtMs !== null && nowMs >= state.cancelAtMs && state.status !== 'incomplete') return 'ended';
  return state.status;
}

/**
 * The quota day at `nowMs` (usage is keyed by it): the local date in the subscriber's zone,
 * except that after a zone change the old zone's day goes on until the new zone's first
 * midnight at or after its end.
 */
export function quotaDate(state: Pick<SubscriptionState, 'timeZone' | 'carriedDay'>, nowMs: number): string {
  const carried = state.carriedDay;
  return carried !== null && nowMs < carried.untilMs ? carried.date : localDay(nowMs, state.timeZone);
}

/** When the quota day at `nowMs` ends (the next quota starts). */
export function quotaDayEnd(state: Pick<SubscriptionState, 'timeZone' | 'carriedDay'>, nowMs: number): number {
  const carried = state.carriedDay;
  return carried !== null && nowMs < carried.untilMs ? carried.untilMs : nextLocalMidnight(nowMs, state.timeZone);
}
