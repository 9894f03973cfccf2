import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock, CLOCK } from '@tally/platform';
import { PROVIDER_NAMES, ProviderName } from '../domain/payment.events';
import { PerTenantPaymentSettings } from './per-tenant-payment-settings';
import { ProviderKeyCipher, ProviderKeyField } from './provider-key-cipher';
import { KeyChange, maskKey, PaymentSettingsRequest, PaymentSettingsView, planSettingsChange, ProviderPlan, ProviderSettingsView } from './provider-settings';
import { PaymentSettingsRecord, ProviderSettingsRecord, ProviderSettingsStore, SealedKey } from './provider-settings.store';
import { platformProfile } from './tenant-payment-settings.port';
import { PAYMENTS_CONFIG, PaymentsConfig } from '../payments.config';

export interface PaymentSettingsResponse extends PaymentSettingsView {
  updatedAt: string | null;
  updatedBy: string | null;
}

/**
 * A tenant's provider settings as organizers read and change them. Keys are sealed before they
 * are stored, read back only as masked hints, and every change is audited with hints only.
 */
@Injectable()
export class PaymentSettingsService {
  private readonly logger = new Logger('PaymentSettings');

  constructor(
    private readonly store: ProviderSettingsStore,
    private readonly cipher: ProviderKeyCipher,
    private readonly settings: PerTenantPaymentSettings,
    @Inject(PAYMENTS_CONFIG) private readonly config: PaymentsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async view(tenantId: string): Promise<PaymentSettingsResponse> {
    return this.responseOf(await this.store.load(tenantId));
  }

  async change(tenantId: string, request: PaymentSettingsRequest, actor: { actorId: string | null; requestId: string | null }): Promise<PaymentSettingsResponse> {
    let fields: string[] = [];
    const stored = await this.store.change(tenantId, this.clock.now(), (current) => {
      const plan = planSettingsChange(this.viewOf(current), request, this.platformProviders());
      if (plan.changes.length === 0) return null;
      fields = plan.changes.map((change) => change.field);
      const providers: PaymentSettingsRecord['providers'] = {};
      for (const name of PROVIDER_NAMES) {
        const next = this.recordOf(tenantId, name, current.providers[name], plan.providers[name]);
        if (next) providers[name] = next;
      }
      return { next: { ...current, defaultProvider: plan.defaultProvider, providers }, audit: { ...actor, changes: plan.changes } };
    });
    this.settings.invalidate(tenantId);
    if (fields.length > 0) this.logger.log({ tenantId, actorId: actor.actorId, fields }, 'Payment settings changed');
    return this.responseOf(stored);
  }

  private recordOf(tenantId: string, provider: ProviderName, before: ProviderSettingsRecord | undefined, plan: ProviderPlan): ProviderSettingsRecord | null {
    if (!plan.own) return null;
    return {
      enabled: plan.enabled,
      secretKey: this.keyOf(tenantId, provider, 'secretKey', before?.secretKey ?? null, plan.secretKey),
      webhookSecret: this.keyOf(tenantId, provider, 'webhookSecret', before?.webhookSecret ?? null, plan.webhookSecret),
    };
  }

  private keyOf(tenantId: string, provider: ProviderName, field: ProviderKeyField, before: SealedKey | null, change: KeyChange): SealedKey | null {
    if ('keep' in change) return before;
    if ('clear' in change) return null;
    return { envelope: this.cipher.seal(tenantId, provider, field, change.set), hint: maskKey(change.set) };
  }

  private viewOf(record: PaymentSettingsRecord): PaymentSettingsView {
    const platform = this.platformProviders();
    const providers = {} as Record<ProviderName, ProviderSettingsView>;
    for (const name of PROVIDER_NAMES) {
      const own = record.providers[name];
      providers[name] = own
        ? { own: true, enabled: own.enabled, secretKey: own.secretKey?.hint ?? null, webhookSecret: own.webhookSecret?.hint ?? null }
        : { own: false, enabled: platform.has(name), secretKey: null, webhookSecret: null };
    }
    return { defaultProvider: record.defaultProvider, providers };
  }

  private responseOf(record: PaymentSettingsRecord): PaymentSettingsResponse {
    return { ...this.viewOf(record), updatedAt: record.updatedAt?.toISOString() ?? null, updatedBy: record.updatedBy };
  }

  private platformProviders(): Set<ProviderName> {
    return new Set(Object.keys(platformProfile(this.config).credentials) as ProviderName[]);
  }
}
