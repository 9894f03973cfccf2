import { ProviderName } from '../domain/payment.events';
import { PaymentsConfig } from '../payments.config';
import { ProviderCredentials } from '../providers/payment-provider.port';

/** Keys for one provider and whose they are: the tenant's own account, or the platform's. */
export interface TenantCredentials extends ProviderCredentials {
  source: 'tenant' | 'platform';
}

/** Which providers a tenant uses and with which keys. */
export interface TenantPaymentProfile {
  credentials: Partial<Record<ProviderName, TenantCredentials>>;
  defaultProvider: ProviderName | null;
}

/** One provider account to reconcile: the platform's (`tenantId` null) or a tenant's own. */
export interface ProviderAccount {
  tenantId: string | null;
  credentials: Partial<Record<ProviderName, ProviderCredentials>>;
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
}

export const TENANT_PAYMENT_SETTINGS = Symbol('TenantPaymentSettings');

/** The platform's keys from the environment, as a profile; the first configured provider is the default unless PAYMENTS_DEFAULT_PROVIDER says otherwise. */
export function platformProfile(config: PaymentsConfig): TenantPaymentProfile {
  const credentials: TenantPaymentProfile['credentials'] = {};
  const { stripe, paystack } = config;
  if (stripe.secretKey) credentials.stripe = { secretKey: stripe.secretKey, webhookSecret: stripe.webhookSecret, source: 'platform' };
  if (paystack.secretKey) credentials.paystack = { secretKey: paystack.secretKey, webhookSecret: paystack.secretKey, source: 'platform' };
  return { credentials, defaultProvider: defaultOf(credentials, config.defaultProvider ?? null) };
}

/** The preferred provider when it is usable, else the first usable one. */
export function defaultOf(credentials: TenantPaymentProfile['credentials'], preferred: ProviderName | null): ProviderName | null {
  if (preferred && credentials[preferred]) return preferred;
  return (Object.keys(credentials) as ProviderName[])[0] ?? null;
}
