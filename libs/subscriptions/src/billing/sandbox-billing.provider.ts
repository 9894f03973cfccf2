import { SandboxBilling } from '@tally/payments';
import { SubscribedPlan } from '../domain/subscription.events';
import { SubscriptionState } from '../domain/subscription.state';
import { BillingProvider, BillingStarted, StartBillingRequest, subscriptionMetadata } from './billing-provider.port';

/** Where the sandbox delivers its billing events: beside Stripe's billing webhook, through the same inbox. */
export const SANDBOX_BILLING_WEBHOOK_PATH = '/api/subscriptions/webhook/sandbox';

/**
 * Recurring billing on payments' sandbox (the embedded mode's one sandbox, which plays Stripe
 * Billing as it plays Stripe's payments), called as StripeBillingProvider calls Stripe: a
 * customer and subscription per Tally subscription (idempotent by our id), a price change
 * prorated and invoiced at once, cancel at period end. Everything the sandbox then does comes
 * back as Stripe-shaped events, signed as Stripe signs, through the billing webhook route.
 */
export class SandboxBillingProvider implements BillingProvider {
  readonly name = 'sandbox' as const;

  constructor(private readonly sandbox: SandboxBilling) {}

  async start({ tenantId, subscriptionId, userId, plan }: StartBillingRequest): Promise<BillingStarted> {
    const ids = await this.sandbox.createSubscription({ tenantId, idempotencyKey: `tally-subscription-${subscriptionId}`, customerUserId: userId, metadata: subscriptionMetadata(tenantId, subscriptionId, userId), price: plan.monthlyCost });
    return { customerId: ids.customerId, providerSubscriptionId: ids.subscriptionId, itemId: ids.itemId };
  }

  /** The sandbox's card on file pays the first invoice as soon as Tally has recorded the subscription (its invoice.paid needs the stream). */
  async afterStart(tenantId: string, subscription: SubscriptionState): Promise<void> {
    const current = await this.sandbox.get(tenantId, subscription.providerSubscriptionId);
    if (current.openInvoice && current.status === 'incomplete') await this.sandbox.payOpenInvoice(tenantId, subscription.providerSubscriptionId);
  }

  async changePlan(tenantId: string, subscription: SubscriptionState, to: SubscribedPlan, changeId: string): Promise<void> {
    await this.sandbox.changePrice(tenantId, subscription.providerSubscriptionId, to.monthlyCost, `tally-plan-change-${changeId}`);
  }

  async cancelAtPeriodEnd(tenantId: string, subscription: SubscriptionState): Promise<void> {
    await this.sandbox.cancelAtPeriodEnd(tenantId, subscription.providerSubscriptionId);
  }
}
