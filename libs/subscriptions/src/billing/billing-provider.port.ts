import { BillingProviderName, SubscribedPlan } from '../domain/subscription.events';
import { SubscriptionState } from '../domain/subscription.state';

/** The provider objects a new subscription is billed through (Stripe Billing: a customer, a subscription, its item). */
export interface BillingStarted {
  customerId: string;
  providerSubscriptionId: string;
  itemId: string;
}

export interface StartBillingRequest {
  tenantId: string;
  subscriptionId: string;
  userId: string;
  plan: SubscribedPlan;
}

/**
 * Recurring billing behind one port: Stripe Billing, or the local sandbox in the embedded mode.
 * Every call carries an idempotency key derived from our ids, so a retried command never
 * creates a second customer or subscription. What the provider then does (invoices paid or
 * failed, a subscription updated or deleted) comes back as signed webhooks.
 */
export interface BillingProvider {
  readonly name: BillingProviderName;
  start(request: StartBillingRequest): Promise<BillingStarted>;
  /** Once SubscriptionStarted is on the stream: the sandbox pays the first invoice here; Stripe waits for the customer. */
  afterStart(tenantId: string, subscription: SubscriptionState): Promise<void>;
  /** A new price for the subscription item, the difference invoiced at once with the provider's proration. */
  changePlan(tenantId: string, subscription: SubscriptionState, to: SubscribedPlan, changeId: string): Promise<void>;
  /** Ends the subscription when the paid period ends. */
  cancelAtPeriodEnd(tenantId: string, subscription: SubscriptionState): Promise<void>;
}

/** Our ids in the provider objects' metadata, so every webhook leads back to the subscription. */
export function subscriptionMetadata(tenantId: string, subscriptionId: string, userId: string): Record<string, string> {
  return { tally_tenant_id: tenantId, tally_subscription_id: subscriptionId, tally_user_id: userId };
}
