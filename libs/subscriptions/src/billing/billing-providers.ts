import { Inject, Injectable } from '@nestjs/common';
import { describeAccount, PAYMENTS_CONFIG, PaymentsConfig, SandboxBilling, TENANT_PAYMENT_SETTINGS, TenantCredentials, TenantPaymentSettings } from '@tally/payments';
import { BillingAccount } from '../domain/subscription.events';
import { SubscriptionState } from '../domain/subscription.state';
import { SubscriptionsError } from '../subscriptions.errors';
import { BillingProvider } from './billing-provider.port';
import { SANDBOX_BILLING_WEBHOOK_PATH, SandboxBillingProvider } from './sandbox-billing.provider';
import { StripeBillingProvider } from './stripe-billing.provider';

/** The provider a new subscription is billed through, and on whose account. */
export interface BillingRoute {
  provider: BillingProvider;
  account: BillingAccount;
}

/**
 * Which Stripe account bills a tenant's subscriptions, decided as for its one-off payments
 * (payments' per-tenant settings, `PUT /api/payments/settings`): the tenant's own Stripe keys
 * when it stored and enabled some, else the platform's (STRIPE_SECRET_KEY), else the sandbox
 * where it stands in (the embedded mode). A subscription stays on the account it started on:
 * its plan changes and cancel use that account's keys, or fail (503) if they are gone.
 */
@Injectable()
export class BillingProviders {
  private readonly stripeByAccount = new Map<string, { key: string; provider: StripeBillingProvider }>();
  readonly sandbox?: SandboxBillingProvider;

  constructor(
    @Inject(PAYMENTS_CONFIG) private readonly payments: PaymentsConfig,
    @Inject(TENANT_PAYMENT_SETTINGS) private readonly settings: TenantPaymentSettings,
    sandbox: SandboxBilling,
  ) {
    if (sandbox.enabled) {
      // As one registers a webhook endpoint in Stripe's dashboard: the sandbox's billing events come to our sandbox route.
      sandbox.useWebhookEndpoint(SANDBOX_BILLING_WEBHOOK_PATH);
      this.sandbox = new SandboxBillingProvider(sandbox);
    }
  }

  /** The provider and account new subscriptions of the tenant are billed on. */
  async forNew(tenantId: string): Promise<BillingRoute> {
    const profile = await this.settings.forTenant(tenantId);
    const stripe = profile.credentials.stripe;
    if (stripe) return { provider: this.stripeWith(stripe), account: stripe.account };
    if (profile.credentials.sandbox && this.sandbox) return { provider: this.sandbox, account: { owner: 'platform' } };
    throw new SubscriptionsError('SUBSCRIPTIONS.BILLING_NOT_CONFIGURED', 'No billing provider: recurring billing needs Stripe keys (the tenant\'s own or the platform\'s STRIPE_SECRET_KEY), or the embedded sandbox');
  }

  /** The provider of a running subscription, with the keys of the account it is billed on. */
  async get(tenantId: string, subscription: Pick<SubscriptionState, 'provider' | 'billingAccount'>): Promise<BillingProvider> {
    if (subscription.provider === 'sandbox') {
      if (!this.sandbox) throw new SubscriptionsError('SUBSCRIPTIONS.BILLING_NOT_CONFIGURED', 'The billing sandbox is not running here');
      return this.sandbox;
    }
    const credentials = await this.settings.forAccount(tenantId, 'stripe', subscription.billingAccount);
    if (!credentials) {
      throw new SubscriptionsError('SUBSCRIPTIONS.BILLING_NOT_CONFIGURED', `The subscription is billed on ${describeAccount(subscription.billingAccount)}, whose Stripe keys are not configured any more`);
    }
    return this.stripeWith(credentials);
  }

  /** One SDK client per account and key (a rotated key gets a new client). */
  private stripeWith(credentials: TenantCredentials): StripeBillingProvider {
    const id = credentials.account.owner === 'platform' ? 'platform' : `tenant:${credentials.account.keyFingerprint}`;
    const key = credentials.secretKey.reveal();
    const known = this.stripeByAccount.get(id);
    if (known && known.key === key) return known.provider;
    const provider = new StripeBillingProvider({ ...this.payments.stripe, secretKey: credentials.secretKey });
    this.stripeByAccount.set(id, { key, provider });
    return provider;
  }
}
