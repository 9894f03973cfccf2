import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { PAYMENTS_CONFIG, PaymentsConfig } from '@tally/payments';
import { Clock, CLOCK } from '@tally/platform';
import { BillingProviderName } from '../domain/subscription.events';
import { SubscriptionsError } from '../subscriptions.errors';
import { BillingProvider } from './billing-provider.port';
import { SandboxBillingProvider } from './sandbox-billing.provider';
import { StripeBillingProvider } from './stripe-billing.provider';

/**
 * The billing providers this deployment has: Stripe with the platform's Stripe keys (payments'
 * settings: STRIPE_SECRET_KEY, STRIPE_API_URL, STRIPE_WEBHOOK_SECRET), and the sandbox where
 * payments runs its own (the embedded mode). New subscriptions use Stripe when it is
 * configured, else the sandbox; a subscription keeps the provider it started with.
 */
@Injectable()
export class BillingProviders {
  private readonly stripe?: StripeBillingProvider;
  readonly sandbox?: SandboxBillingProvider;

  constructor(@Inject(PAYMENTS_CONFIG) readonly payments: PaymentsConfig, host: HttpAdapterHost, @Inject(CLOCK) clock: Clock) {
    if (payments.stripe.secretKey) this.stripe = new StripeBillingProvider(payments.stripe);
    if (payments.sandbox.mode !== 'off') this.sandbox = new SandboxBillingProvider(host, payments.sandbox.webhookSecret, clock);
  }

  /** The provider new subscriptions are billed through. */
  forNew(): BillingProvider {
    const provider = this.stripe ?? this.sandbox;
    if (!provider) throw new SubscriptionsError('SUBSCRIPTIONS.BILLING_NOT_CONFIGURED', 'No billing provider: set STRIPE_SECRET_KEY (or run the embedded sandbox)');
    return provider;
  }

  get(name: BillingProviderName): BillingProvider {
    const provider = name === 'stripe' ? this.stripe : this.sandbox;
    if (!provider) throw new SubscriptionsError('SUBSCRIPTIONS.BILLING_NOT_CONFIGURED', `The ${name} billing provider is not configured here`);
    return provider;
  }
}
