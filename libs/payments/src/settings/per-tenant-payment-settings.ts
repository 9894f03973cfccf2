import { Inject, Injectable } from '@nestjs/common';
import { PaymentAccount, sameAccount } from '../domain/payment-account';
import { PaymentProviderName, PROVIDER_NAMES } from '../domain/payment.events';
import { PAYMENTS_CONFIG, PaymentsConfig } from '../payments.config';
import { sandboxCredentials, sandboxStandsIn } from '../providers/sandbox/sandbox-offer';
import { ProviderKeyCipher } from './provider-key-cipher';
import { PaymentSettingsRecord, ProviderSettingsStore } from './provider-settings.store';
import { defaultOf, platformProfile, ProviderAccount, TenantCredentials, tenantCredentials, TenantPaymentProfile, TenantPaymentSettings } from './tenant-payment-settings.port';

/**
 * The tenant's own keys where it stored some, the platform's keys (environment) otherwise,
 * provider by provider; a provider the tenant disabled is not offered at all. Decrypted
 * profiles are kept in memory briefly (PAYMENTS_SETTINGS_CACHE_SECONDS): a change made through
 * this process applies at once, one made through another process within that time.
 */
@Injectable()
export class PerTenantPaymentSettings implements TenantPaymentSettings {
  private readonly cache = new Map<string, { profile: Promise<TenantPaymentProfile>; expiresAt: number }>();

  constructor(
    private readonly store: ProviderSettingsStore,
    private readonly cipher: ProviderKeyCipher,
    @Inject(PAYMENTS_CONFIG) private readonly config: PaymentsConfig,
  ) {}

  forTenant(tenantId: string | null): Promise<TenantPaymentProfile> {
    if (tenantId === null) return Promise.resolve(platformProfile(this.config));
    const now = performance.now();
    const hit = this.cache.get(tenantId);
    if (hit && hit.expiresAt > now) return hit.profile;
    const profile = this.store.load(tenantId).then(async (record) => this.withSandbox(this.profileOf(tenantId, record)));
    // A failed load is not cached.
    profile.catch(() => this.cache.delete(tenantId));
    this.cache.set(tenantId, { profile, expiresAt: now + this.config.settingsCacheMs });
    return profile;
  }

  /** Called when the tenant's settings change. */
  invalidate(tenantId: string): void {
    // In auto mode one tenant's own keys turn the sandbox off for every tenant.
    if (this.config.sandbox.mode === 'auto') this.cache.clear();
    else this.cache.delete(tenantId);
  }

  async accounts(): Promise<ProviderAccount[]> {
    const accounts: ProviderAccount[] = [{ tenantId: null, credentials: platformProfile(this.config).credentials }];
    for (const tenantId of await this.store.tenantsWithOwnKeys()) {
      accounts.push({ tenantId, credentials: (await this.forTenant(tenantId)).ownKeys });
    }
    return accounts;
  }

  async forAccount(tenantId: string, provider: PaymentProviderName, account: PaymentAccount): Promise<TenantCredentials | null> {
    // Sandbox payments stay refundable while the sandbox is configured, even after it stopped taking new ones.
    if (provider === 'sandbox') return sandboxCredentials(this.config.sandbox);
    const candidate = account.owner === 'platform' ? platformProfile(this.config).credentials[provider] : (await this.forTenant(tenantId)).ownKeys[provider];
    return candidate && sameAccount(candidate.account, account) ? candidate : null;
  }

  /** The sandbox stands in for a tenant with no provider (see sandboxStandsIn), as the only and so default provider. */
  private async withSandbox(profile: TenantPaymentProfile): Promise<TenantPaymentProfile> {
    const sandbox = sandboxCredentials(this.config.sandbox);
    if (!sandbox) return profile;
    const hasProvider = Object.keys(profile.credentials).length > 0;
    const anyTenantHasOwnKeys = this.config.sandbox.mode === 'auto' && !hasProvider ? (await this.store.tenantsWithOwnKeys()).length > 0 : false;
    if (!sandboxStandsIn(this.config.sandbox, { hasProvider, anyTenantHasOwnKeys })) return profile;
    return { ...profile, credentials: { sandbox }, defaultProvider: 'sandbox' };
  }

  private profileOf(tenantId: string, record: PaymentSettingsRecord): TenantPaymentProfile {
    const platform = platformProfile(this.config).credentials;
    const credentials: TenantPaymentProfile['credentials'] = {};
    const ownKeys: TenantPaymentProfile['ownKeys'] = {};
    for (const provider of PROVIDER_NAMES) {
      const own = record.providers[provider];
      if (own?.secretKey) {
        const secretKey = this.cipher.open(tenantId, provider, 'secretKey', own.secretKey.envelope);
        const webhookSecret = own.webhookSecret ? this.cipher.open(tenantId, provider, 'webhookSecret', own.webhookSecret.envelope) : undefined;
        // Paystack signs webhooks with the secret key itself.
        ownKeys[provider] = tenantCredentials(secretKey, provider === 'paystack' ? secretKey : webhookSecret);
      }
      if (!own) {
        if (platform[provider]) credentials[provider] = platform[provider];
      } else if (own.enabled && ownKeys[provider]) {
        credentials[provider] = ownKeys[provider];
      } else if (own.enabled && platform[provider]) {
        credentials[provider] = platform[provider];
      }
    }
    return { credentials, defaultProvider: defaultOf(credentials, record.defaultProvider ?? this.config.defaultProvider ?? null), ownKeys };
  }
}
