import { Inject, Injectable } from '@nestjs/common';
import { ProviderName } from '../domain/payment.events';
import { PAYMENTS_CONFIG, PaymentsConfig } from '../payments.config';
import { ProviderCredentials } from '../providers/payment-provider.port';

/** Which providers a tenant uses and with which keys. */
export interface TenantPaymentProfile {
  credentials: Partial<Record<ProviderName, ProviderCredentials>>;
  defaultProvider: ProviderName | null;
}

/**
 * Per-tenant provider settings. Tenancy does not expose tenant settings yet, so the adapter
 * below gives every tenant the platform's keys from configuration; a tenancy-backed adapter
 * that overrides keys per tenant replaces it behind this port.
 */
export interface TenantPaymentSettings {
  forTenant(tenantId: string | null): Promise<TenantPaymentProfile>;
}

export const TENANT_PAYMENT_SETTINGS = Symbol('TenantPaymentSettings');

@Injectable()
export class ConfiguredPaymentSettings implements TenantPaymentSettings {
  constructor(@Inject(PAYMENTS_CONFIG) private readonly config: PaymentsConfig) {}

  async forTenant(): Promise<TenantPaymentProfile> {
    const credentials: TenantPaymentProfile['credentials'] = {};
    const { stripe, paystack } = this.config;
    if (stripe.secretKey) credentials.stripe = { secretKey: stripe.secretKey, webhookSecret: stripe.webhookSecret };
    if (paystack.secretKey) credentials.paystack = { secretKey: paystack.secretKey, webhookSecret: paystack.secretKey };
    const configured = (Object.keys(credentials) as ProviderName[])[0] ?? null;
    const preferred = this.config.defaultProvider;
    return { credentials, defaultProvider: preferred && credentials[preferred] ? preferred : configured };
  }
}
