import { Injectable } from '@nestjs/common';
import { PaymentsConfig, stripeSdk } from '@tally/payments';
import type Stripe from 'stripe';
import { SubscribedPlan } from '../domain/subscription.events';
import { SubscriptionState } from '../domain/subscription.state';
import { SubscriptionsError } from '../subscriptions.errors';
import { BillingProvider, BillingStarted, StartBillingRequest, subscriptionMetadata } from './billing-provider.port';

/**
 * Stripe Billing through the official SDK: a customer and a monthly subscription per Tally
 * subscription, a price per plan version (created once, by idempotency key), upgrades and
 * downgrades as a price change invoiced at once with proration, cancel at period end.
 */
@Injectable()
export class StripeBillingProvider implements BillingProvider {
  readonly name = 'stripe' as const;
  private client?: Stripe;

  constructor(private readonly config: PaymentsConfig['stripe']) {}

  async start({ tenantId, subscriptionId, userId, plan }: StartBillingRequest): Promise<BillingStarted> {
    const metadata = subscriptionMetadata(tenantId, subscriptionId, userId);
    return this.call(async (stripe) => {
      const customer = await stripe.customers.create({ metadata }, { idempotencyKey: `tally-customer-${subscriptionId}` });
      const price = await this.priceOf(stripe, tenantId, plan);
      const subscription = await stripe.subscriptions.create(
        { customer: customer.id, items: [{ price: price.id }], metadata, payment_behavior: 'default_incomplete' },
        { idempotencyKey: `tally-subscription-${subscriptionId}` },
      );
      const item = subscription.items.data[0];
      if (!item) throw new Error(`Stripe subscription ${subscription.id} has no item`);
      return { customerId: customer.id, providerSubscriptionId: subscription.id, itemId: item.id };
    });
  }

  async afterStart(): Promise<void> {
    // The customer pays the first invoice (Stripe's hosted page or Elements); invoice.paid comes as a webhook.
  }

  async changePlan(tenantId: string, subscription: SubscriptionState, to: SubscribedPlan, changeId: string): Promise<void> {
    await this.call(async (stripe) => {
      const price = await this.priceOf(stripe, tenantId, to);
      await stripe.subscriptions.update(
        subscription.providerSubscriptionId,
        { items: [{ id: subscription.providerItemId, price: price.id }], proration_behavior: 'always_invoice' },
        { idempotencyKey: `tally-plan-change-${changeId}` },
      );
    });
  }

  async cancelAtPeriodEnd(_tenantId: string, subscription: SubscriptionState): Promise<void> {
    await this.call((stripe) =>
      stripe.subscriptions.update(subscription.providerSubscriptionId, { cancel_at_period_end: true }, { idempotencyKey: `tally-cancel-${subscription.subscriptionId}` }),
    );
  }

  /** One Stripe price per plan version: a version's terms never change, so its price is made once. */
  private priceOf(stripe: Stripe, tenantId: string, plan: SubscribedPlan): Promise<Stripe.Price> {
    return stripe.prices.create(
      {
        currency: plan.monthlyCost.currency.toLowerCase(),
        unit_amount: plan.monthlyCost.amount,
        recurring: { interval: 'month' },
        product_data: { name: plan.name, metadata: { tally_tenant_id: tenantId, tally_plan_id: plan.planId } },
        metadata: { tally_tenant_id: tenantId, tally_plan_id: plan.planId, tally_plan_version: String(plan.version) },
      },
      { idempotencyKey: `tally-price-${tenantId}-${plan.planId}-${plan.version}` },
    );
  }

  private stripe(): Stripe {
    const key = this.config.secretKey;
    if (!key) throw new SubscriptionsError('SUBSCRIPTIONS.BILLING_NOT_CONFIGURED', 'STRIPE_SECRET_KEY is not set');
    const Sdk = stripeSdk();
    this.client ??= new Sdk(key.reveal(), {
      maxNetworkRetries: 2,
      timeout: 20_000,
      telemetry: false,
      ...(this.config.api ? { host: this.config.api.host, port: this.config.api.port, protocol: this.config.api.protocol } : {}),
    });
    return this.client;
  }

  /** SDK failures become a 502 problem naming Stripe's error type, never the key. */
  private async call<T>(work: (stripe: Stripe) => Promise<T>): Promise<T> {
    try {
      return await work(this.stripe());
    } catch (error) {
      if (error instanceof stripeSdk().errors.StripeError) {
        throw new SubscriptionsError('SUBSCRIPTIONS.PROVIDER_ERROR', `Stripe refused the request: ${error.type}${error.code ? ` (${error.code})` : ''}`, { provider: 'stripe' });
      }
      throw error;
    }
  }
}
