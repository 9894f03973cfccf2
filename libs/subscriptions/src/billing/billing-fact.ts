import { PlanPrice } from '../domain/plan.events';

/** What a billing webhook means to a subscription, whichever provider sent it. */
export type BillingFact =
  | { kind: 'invoice_paid'; invoiceId: string; amount: PlanPrice; periodStart: string; periodEnd: string }
  | { kind: 'invoice_payment_failed'; invoiceId: string; attempt: number }
  | { kind: 'subscription_updated'; providerStatus: string; cancelAtPeriodEnd: boolean; currentPeriodEnd: string | null }
  | { kind: 'subscription_deleted' };

/** A verified billing delivery. */
export interface BillingWebhook {
  eventId: string;
  eventType: string;
  /** Our ids from the provider object's metadata, when it carries them. */
  reference: { tenantId: string; subscriptionId: string } | null;
  providerSubscriptionId: string | null;
  /** Null for event types that are recorded but change nothing. */
  fact: BillingFact | null;
}
