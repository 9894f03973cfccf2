import { Inject, Injectable } from '@nestjs/common';
import { TenantDirectory } from '@tally/tenancy';
import { IDENTITY_CONFIG, IdentityConfig, OtpPolicy } from '../../identity.config';

/**
 * Where a tenant's OTP policy comes from: the process configuration (OTP_TTL_SECONDS etc.),
 * with the code lifetime overridden by the tenant's `otpTtlSeconds` setting when it has one.
 */
export interface OtpPolicySource {
  forTenant(tenantId: string): Promise<OtpPolicy>;
}

export const OTP_POLICY_SOURCE = Symbol('OtpPolicySource');

/** The configured policy, with the tenant's own code lifetime (tenant stream, cached by revision). */
@Injectable()
export class TenantOtpPolicy implements OtpPolicySource {
  constructor(
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    private readonly tenants: TenantDirectory,
  ) {}

  async forTenant(tenantId: string): Promise<OtpPolicy> {
    const ttl = (await this.tenants.state(tenantId))?.settings.otpTtlSeconds;
    return typeof ttl === 'number' ? { ...this.config.otp, ttlSeconds: ttl } : this.config.otp;
  }
}
