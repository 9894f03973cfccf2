import { keyFingerprint, PaymentAccount, PLATFORM_ACCOUNT } from '../domain/payment-account';
import { PaymentProviderName, ProviderName } from '../domain/payment.events';
import { PaymentsConfig, Secret } from '../payments.config';
import { ProviderCredentials } from '../providers/payment-provider.port';

/** Keys for one provider and whose they are: the tenant's own account, or the platform's. */
export interface TenantCredentials extends ProviderCredentials {
  /** The account these keys open (the platform's or the tenant's own), as payments made with them record it. */
  account: PaymentAccount;
}

/** Which providers a tenant uses and with which keys. */
export interface TenantPaymentProfile {
  /** What new payments use: enabled providers only (the sandbox when it stands in for none). */
  credentials: Partial<Record<PaymentProviderName, TenantCredentials>>;
  defaultProvider: PaymentProviderName | null;
  /**
   * Every key of the tenant's own still stored, enabled or not: a provider the tenant disabled
   * takes no new payments, but the payments already made on its account are still refunded
   * and reconciled with it.
   */
  ownKeys: Partial<Record<ProviderName, TenantCredentials>>;
}

/** One provider account to reconcile: the platform's (`tenantId` null) or a tenant's own. */
export interface ProviderAccount {
  tenantId: string | null;
  credentials: Partial<Record<ProviderName, TenantCredentials>>;
}

/**
 * Per-tenant provider settings. The default adapter (PerTenantPaymentSettings) reads the keys
 * a tenant stored with `PUT /api/payments/settings` and falls back, provider by provider, on
 * the platform's keys from the environment.
 */
export interface TenantPaymentSettings {
  /** `null`: the platform's own profile. */
  forTenant(tenantId: string | null): Promise<TenantPaymentProfile>;
  /** Every distinct provider account: the platform's and each tenant's own. */
  accounts(): Promise<ProviderAccount[]>;
  /**
   * The keys of the account a payment of `tenantId` was made with, or null when they are gone
   * (the platform has no key for the provider any more; the tenant removed or replaced its own).
   * Never another account's keys.
   */
  forAccount(tenantId: string, provider: PaymentProviderName, account: PaymentAccount): Promise<TenantCredentials | null>;
}

export const TENANT_PAYMENT_SETTINGS = Symbol('TenantPaymentSettings');

/** The platform's keys from the environment, as a profile; the first configured provider is the default unless PAYMENTS_DEFAULT_PROVIDER says otherwise. */
export function platformProfile(config: PaymentsConfig): TenantPaymentProfile {
  const credentials: TenantPaymentProfile['credentials'] = {};
  const { stripe, paystack } = config;
  if (stripe.secretKey) credentials.stripe = { secretKey: stripe.secretKey, webhookSecret: stripe.webhookSecret, account: PLATFORM_ACCOUNT };
  if (paystack.secretKey) credentials.paystack = { secretKey: paystack.secretKey, webhookSecret: paystack.secretKey, account: PLATFORM_ACCOUNT };
  return { credentials, defaultProvider: defaultOf(credentials, config.defaultProvider ?? null), ownKeys: {} };
}

/** A tenant's own keys, with the account they open. */
export function tenantCredentials(secretKey: Secret, webhookSecret: Secret | undefined): TenantCredentials {
  return { secretKey, webhookSecret, account: { owner: 'tenant', keyFingerprint: keyFingerprint(secretKey.reveal()) } };
}

/** The preferred provider when it is usable, else the first usable one. */
export function defaultOf(credentials: TenantPaymentProfile['credentials'], preferred: PaymentProviderName | null): PaymentProviderName | null {
  if (preferred && credentials[preferred]) return preferred;
  return (Object.keys(credentials) as PaymentProviderName[])[0] ?? null;
}
