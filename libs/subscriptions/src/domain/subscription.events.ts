import { DomainEvent } from '@tally/eventstore';
import { OveragePolicy, PlanPrice } from './plan.events';

export type BillingProviderName = 'stripe' | 'sandbox';

/** Whose Stripe account bills the subscription: the platform's, or the tenant's own (told apart by a fingerprint of its key, as payments records it). */
export type BillingAccount = { owner: 'platform' } | { owner: 'tenant'; keyFingerprint: string };

/** The plan terms a subscription runs on (copied: a later plan edit does not change a running subscription). */
export interface SubscribedPlan {
  planId: string;
  version: number;
  name: string;
  dailyQuota: number;
  monthlyCost: PlanPrice;
  overage: OveragePolicy;
}

export type SubscriptionStarted = DomainEvent<
  'SubscriptionStarted',
  {
    subscriptionId: string;
    userId: string;
    plan: SubscribedPlan;
    /** IANA zone of the subscriber: the quota resets at its local midnight. */
    timeZone: string;
    provider: BillingProviderName;
    providerCustomerId: string;
    providerSubscriptionId: string;
    /** The subscription item whose price changes on upgrade/downgrade. */
    providerItemId: string;
    /** The account it is billed on (absent in events before tenants' own accounts: the platform's). */
    account?: BillingAccount;
    at: string;
  }
>;

/** An invoice of the subscription was paid: the quota is usable until `periodEnd`. */
export type SubscriptionInvoicePaid = DomainEvent<
  'SubscriptionInvoicePaid',
  { subscriptionId: string; invoiceId: string; amount: PlanPrice; periodStart: string; periodEnd: string; at: string }
>;

/** A renewal failed: the quota stays usable until `graceUntil`, then the subscription is suspended. */
export type SubscriptionPaymentFailed = DomainEvent<
  'SubscriptionPaymentFailed',
  { subscriptionId: string; invoiceId: string; attempt: number; graceUntil: string; at: string }
>;

/** The grace period of a failed renewal ran out (dunning): no quota until an invoice is paid. */
export type SubscriptionSuspended = DomainEvent<'SubscriptionSuspended', { subscriptionId: string; invoiceId: string; at: string }>;

/**
 * Upgrade or downgrade. The new daily quota applies from this instant, today included; what was
 * used today stays used (today's left = new quota − used, never below zero). The provider
 * bills the price difference with its proration.
 */
export type SubscriptionPlanChanged = DomainEvent<
  'SubscriptionPlanChanged',
  { subscriptionId: string; direction: PlanChangeDirection; from: SubscribedPlan; to: SubscribedPlan; at: string }
>;
export type PlanChangeDirection = 'upgrade' | 'downgrade';

/** Cancelled at the end of the paid period: the quota stays until `endsAt`. */
export type SubscriptionCancelScheduled = DomainEvent<'SubscriptionCancelScheduled', { subscriptionId: string; endsAt: string; at: string }>;

/** The provider ended the subscription (period over after a cancel, or deleted). */
export type SubscriptionEnded = DomainEvent<'SubscriptionEnded', { subscriptionId: string; reason: 'canceled' | 'provider-deleted'; at: string }>;

/**
 * The subscriber moved to another IANA zone. Today's quota day (`today`, a local date of the old
 * zone) is never shortened: it runs on until `todayEndsAt`, the first midnight of the new zone
 * at or after the old day's end; from then on days are local dates of `to`. Hopping zones can
 * lengthen a day (losing quota), never start a new one early (gaining it).
 */
export type SubscriptionTimeZoneChanged = DomainEvent<
  'SubscriptionTimeZoneChanged',
  { subscriptionId: string; from: string; to: string; today: string; todayEndsAt: string; at: string }
>;

export type SubscriptionEvent =
  | SubscriptionStarted
  | SubscriptionInvoicePaid
  | SubscriptionPaymentFailed
  | SubscriptionSuspended
  | SubscriptionPlanChanged
  | SubscriptionCancelScheduled
  | SubscriptionEnded
  | SubscriptionTimeZoneChanged;

export const SUBSCRIPTION_EVENT_TYPES: readonly SubscriptionEvent['type'][] = [
  'SubscriptionStarted',
  'SubscriptionInvoicePaid',
  'SubscriptionPaymentFailed',
  'SubscriptionSuspended',
  'SubscriptionPlanChanged',
  'SubscriptionCancelScheduled',
  'SubscriptionEnded',
  'SubscriptionTimeZoneChanged',
];
export const SUBSCRIPTION_CATEGORY = 'subscription';
