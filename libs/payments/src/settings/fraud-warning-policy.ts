import { Inject, Injectable } from '@nestjs/common';
import { TenantDirectory } from '@tally/tenancy';
import { PAYMENTS_CONFIG, PaymentsConfig } from '../payments.config';

/**
 * Whether a tenant has payments refunded automatically when the provider reports an early
 * fraud warning. Kept apart from the provider settings (keys, default provider): it is a
 * policy, not a credential.
 */
export interface FraudWarningPolicy {
  refundOnWarning(tenantId: string): Promise<boolean>;
}

export const FRAUD_WARNING_POLICY = Symbol('FraudWarningPolicy');

/** PAYMENTS_REFUND_ON_EARLY_FRAUD_WARNING (default false), overridden by the tenant's `refundOnEarlyFraudWarning` setting. */
@Injectable()
export class TenantFraudWarningPolicy implements FraudWarningPolicy {
  constructor(
    @Inject(PAYMENTS_CONFIG) private readonly config: PaymentsConfig,
    private readonly tenants: TenantDirectory,
  ) {}

  async refundOnWarning(tenantId: string): Promise<boolean> {
    const own = (await this.tenants.state(tenantId))?.settings.refundOnEarlyFraudWarning;
    return typeof own === 'boolean' ? own : this.config.refundOnEarlyFraudWarning;
  }
}
