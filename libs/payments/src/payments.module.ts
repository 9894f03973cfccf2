import { Module, OnModuleInit } from '@nestjs/common';
import { UpcasterRegistry } from '@tally/eventstore';
import { Env, ENV, PLATFORM_CONFIG, PlatformConfig } from '@tally/platform';
import { TenancyModule } from '@tally/tenancy';
import { PaymentFacts } from './commands/record-provider-event/payment-facts.service';
import { BillSandboxRenewalHandler } from './commands/bill-sandbox-renewal/bill-sandbox-renewal.handler';
import { BillSandboxRenewalHttpController } from './commands/bill-sandbox-renewal/bill-sandbox-renewal.http.controller';
import { CompleteSandboxPaymentHandler } from './commands/complete-sandbox-payment/complete-sandbox-payment.handler';
import { CompleteSandboxPaymentHttpController } from './commands/complete-sandbox-payment/complete-sandbox-payment.http.controller';
import { FraudWarningRefunder } from './commands/refund-on-fraud-warning/fraud-warning-refunder';
import { RefundOnFraudWarningTask } from './commands/refund-on-fraud-warning/refund-on-fraud-warning.task';
import { ReleaseCreditHoldHandler } from './commands/release-credit-hold/release-credit-hold.handler';
import { RequestRefundHandler } from './commands/request-refund/request-refund.handler';
import { EventSales } from './commands/start-checkout/event-sales';
import { StartCheckoutHandler } from './commands/start-checkout/start-checkout.handler';
import { CreditsReactor } from './credits/credits-reactor';
import { PaymentCreditsProgress } from './credits/payment-credits-progress';
import { PaymentSettingsController } from './http/payment-settings.controller';
import { PaymentsController, RefundsController } from './http/payments.controller';
import { ProviderSettingsController } from './http/provider-settings.controller';
import { TenantWebhooksController } from './http/tenant-webhooks.controller';
import { registerPaymentUpcasters } from './domain/payment.upcasters';
import { ReconcilePaymentsJob } from './jobs/reconcile-payments.job';
import { SandboxBillingJob } from './jobs/sandbox-billing.job';
import { WebhookRetryJob } from './jobs/webhook-retry.job';
import { PAYMENTS_CONFIG, loadPaymentsConfig } from './payments.config';
import './payments.errors';
import { PaymentsProjection } from './projections/payments.projection';
import { PaymentProviders } from './providers/payment-providers';
import { PaystackProvider } from './providers/paystack/paystack.provider';
import { SandboxProvider } from './providers/sandbox/sandbox.provider';
import { SandboxBilling } from './providers/sandbox/sandbox-billing';
import { SandboxWebhooks } from './providers/sandbox/sandbox-webhooks';
import { StripeProvider } from './providers/stripe/stripe.provider';
import { PaymentViews } from './queries/payment-views';
import { FRAUD_WARNING_POLICY, TenantFraudWarningPolicy } from './settings/fraud-warning-policy';
import { PricingStore } from './settings/pricing.store';
import { PaymentSettingsService } from './settings/payment-settings.service';
import { PerTenantPaymentSettings } from './settings/per-tenant-payment-settings';
import { ProviderKeyCipher } from './settings/provider-key-cipher';
import { ProviderSettingsStore } from './settings/provider-settings.store';
import { TENANT_PAYMENT_SETTINGS } from './settings/tenant-payment-settings.port';
import { WebhookInbox } from './webhooks/webhook-inbox';

/**
 * Payments: checkout with Stripe or Paystack (or the local sandbox in the embedded mode), the webhook inbox, refunds, disputes, the credits
 * reactor that moves votes onto the voter ledger (through voting's commands), jobs and reads.
 */
@Module({
  imports: [TenancyModule],
  controllers: [PaymentSettingsController, ProviderSettingsController, PaymentsController, TenantWebhooksController, RefundsController, CompleteSandboxPaymentHttpController, BillSandboxRenewalHttpController],
  providers: [
    { provide: PAYMENTS_CONFIG, inject: [ENV, PLATFORM_CONFIG], useFactory: (env: Env, platform: PlatformConfig) => loadPaymentsConfig(env, platform) },
    ProviderKeyCipher,
    ProviderSettingsStore,
    PerTenantPaymentSettings,
    { provide: TENANT_PAYMENT_SETTINGS, useExisting: PerTenantPaymentSettings },
    PaymentSettingsService,
    StripeProvider,
    PaystackProvider,
    SandboxWebhooks,
    SandboxProvider,
    SandboxBilling,
    BillSandboxRenewalHandler,
    SandboxBillingJob,
    PaymentProviders,
    PricingStore,
    PaymentFacts,
    WebhookInbox,
    EventSales,
    StartCheckoutHandler,
    RequestRefundHandler,
    ReleaseCreditHoldHandler,
    CompleteSandboxPaymentHandler,
    PaymentCreditsProgress,
    PaymentViews,
    PaymentsProjection,
    CreditsReactor,
    { provide: FRAUD_WARNING_POLICY, useClass: TenantFraudWarningPolicy },
    FraudWarningRefunder,
    RefundOnFraudWarningTask,
    WebhookRetryJob,
    ReconcilePaymentsJob,
  ],
  exports: [PAYMENTS_CONFIG, TENANT_PAYMENT_SETTINGS, SandboxBilling, SandboxBillingJob, PricingStore, WebhookInbox, WebhookRetryJob, ReconcilePaymentsJob, CreditsReactor, FraudWarningRefunder],
})
export class PaymentsModule implements OnModuleInit {
  constructor(private readonly upcasters: UpcasterRegistry) {}

  onModuleInit(): void {
    registerPaymentUpcasters(this.upcasters);
  }
}
