import { Inject, Injectable } from '@nestjs/common';
import { IDENTITY_CONFIG, IdentityConfig, OtpPolicy } from '../../identity.config';

/**
 * Where a tenant's OTP policy comes from. The default is the process configuration
 * (OTP_TTL_SECONDS etc.); tenant settings, once tenancy stores them, can replace this provider
 * (token OTP_POLICY_SOURCE) to let a tenant choose its own code lifetime.
 */
export interface OtpPolicySource {
  forTenant(tenantId: string): Promise<OtpPolicy>;
}

export const OTP_POLICY_SOURCE = Symbol('OtpPolicySource');

@Injectable()
export class ConfiguredOtpPolicy implements OtpPolicySource {
  constructor(@Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig) {}

  async forTenant(): Promise<OtpPolicy> {
    return this.config.otp;
  }
}
