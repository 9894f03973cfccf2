// The only import surface of the payments context.
export * from './payments.errors';
export { PaymentsModule } from './payments.module';
export { paymentsSchema } from './payments.schema';
export { loadPaymentsConfig, PAYMENTS_CONFIG, Secret } from './payments.config';
export type { PaymentsConfig, SandboxConfig } from './payments.config';
export { signSandboxDelivery } from './providers/sandbox/sandbox-signature';
// The one sandbox of the embedded mode also plays Stripe Billing (customers, subscriptions, invoices with proration) for subscriptions.
export { SandboxBilling } from './providers/sandbox/sandbox-billing';
export type { SandboxBillingResult, SandboxSubscriptionIds } from './providers/sandbox/sandbox-billing';
export type { SandboxChargeOutcome, SandboxSubscription, SandboxSubscriptionStatus } from './providers/sandbox/sandbox-subscription';
export { WEBHOOK_SIGNATURE_HEADERS } from './providers/payment-provider.port';
export { SandboxBillingJob } from './jobs/sandbox-billing.job';
// Billing webhooks (the subscriptions context) are Stripe-signed too: one signature check for both.
export { constructSignedStripeEvent, StripeSignatureRefused } from './providers/stripe/stripe-signature';
// The Stripe SDK is loaded at its first use, for subscriptions' Stripe Billing too.
export { stripeSdk } from './providers/stripe/stripe-sdk';
// Subscriptions bill on the tenant's own Stripe account (or the platform's) as one-off payments do.
export { TENANT_PAYMENT_SETTINGS } from './settings/tenant-payment-settings.port';
export type { TenantCredentials, TenantPaymentProfile, TenantPaymentSettings } from './settings/tenant-payment-settings.port';
export type { PaymentAccount } from './domain/payment-account';
export { describeAccount, PLATFORM_ACCOUNT, sameAccount } from './domain/payment-account';
export type { Money } from './domain/money';
export { MINOR_UNIT_EXPONENTS, formatMoney } from './domain/money';
export type { PaymentEvent, PaymentEventType, PaymentProviderName, PaymentStatus, ProviderName } from './domain/payment.events';
export { PAYMENT_CATEGORY, PAYMENT_EVENT_TYPES } from './domain/payment.events';
export { paymentStream } from './domain/payment.state';
export { PricingStore } from './settings/pricing.store';
export { WebhookInbox } from './webhooks/webhook-inbox';
export { WebhookRetryJob } from './jobs/webhook-retry.job';
export { ReconcilePaymentsJob } from './jobs/reconcile-payments.job';
export { CreditsReactor } from './credits/credits-reactor';
export { FraudWarningRefunder } from './commands/refund-on-fraud-warning/fraud-warning-refunder';
export { FakeProviderServer } from './testing/fake-provider-server';
export type { RecordedProviderRequest } from './testing/fake-provider-server';
export { StartCheckoutCommand } from './commands/start-checkout/start-checkout.command';
export type { StartCheckoutInput, StartCheckoutResult } from './commands/start-checkout/start-checkout.command';
export { RequestRefundCommand } from './commands/request-refund/request-refund.command';
export { ReleaseCreditHoldCommand } from './commands/release-credit-hold/release-credit-hold.command';
export type { ReconcileResult } from './jobs/reconcile-payments.job';
export { RevenueReader } from './queries/revenue/revenue.reader';
export type { Revenue } from './queries/revenue/revenue.reader';
