import { PLATFORM_ACCOUNT } from '../../domain/payment-account';
import { SandboxConfig } from '../../payments.config';
import { TenantCredentials } from '../../settings/tenant-payment-settings.port';

/**
 * The sandbox's "keys": its signing secret, on the platform's account (it belongs to no
 * tenant). Null when the sandbox is off, so its payments can no longer be refunded or
 * confirmed either.
 */
export function sandboxCredentials(config: SandboxConfig): TenantCredentials | null {
  return config.mode === 'off' ? null : { secretKey: config.webhookSecret, webhookSecret: config.webhookSecret, account: PLATFORM_ACCOUNT };
}

/**
 * Whether a tenant's checkouts go to the sandbox. Only a tenant with no real provider gets it,
 * so the sandbox never takes a payment a real provider could have taken; in `auto` mode also
 * only while no tenant has keys of its own: such keys mean a real deployment, where a tenant
 * still setting up must get "provider not configured", not free votes.
 */
export function sandboxStandsIn(config: SandboxConfig, tenant: { hasProvider: boolean; anyTenantHasOwnKeys: boolean }): boolean {
  switch (config.mode) {
    case 'off':
      return false;
    case 'on':
      return !tenant.hasProvider;
    case 'auto':
      return !tenant.hasProvider && !tenant.anyTenantHasOwnKeys;
    default: {
      const unknown: never = config;
      throw new Error(`Unknown sandbox mode ${String(unknown)}`);
    }
  }
}
