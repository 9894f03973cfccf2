import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock, CLOCK } from '@tally/platform';
import { PROVIDER_NAMES, ProviderName } from '../domain/payment.events';
import { PerTenantPaymentSettings } from './per-tenant-payment-settings';
import { ProviderKeyCipher, ProviderKeyField } from './provider-key-cipher';
import { isUuid } from '@tally/platform';
import { KeyChange, maskKey, PaymentSettingsRequest, PaymentSettingsView, planSettingsChange, ProviderPlan, ProviderSettingsView, SettingsChange } from './provider-settings';
import { PaymentSettingsRecord, ProviderSettingsRecord, ProviderSettingsStore, SealedKey } from './provider-settings.store';
import { platformProfile } from './tenant-payment-settings.port';
import { PAYMENTS_CONFIG, PaymentsConfig } from '../payments.config';
import { PaymentsError } from '../payments.errors';

export interface PaymentSettingsResponse extends PaymentSettingsView {
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface SettingsAuditEntry {
  auditId: string;
  actorId: string | null;
  requestId: string | null;
  /** Flags and masked key hints (`sk_test_…4242`), never a key. */
  changes: SettingsChange[];
  changedAt: string;
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

  /** Who changed what and when, newest first, a page at a time (cursor as in the payment history). */
  async audit(tenantId: string, options: { cursor: string | null; limit: number }): Promise<{ items: SettingsAuditEntry[]; nextCursor: string | null }> {
    const rows = await this.store.auditPage(tenantId, decodeAuditCursor(options.cursor), options.limit + 1);
    const page = rows.slice(0, options.limit);
    const items = page.map((row): SettingsAuditEntry => ({
      auditId: row.audit_id,
      actorId: row.actor_id,
      requestId: row.request_id,
      changes: row.changes,
      changedAt: new Date(row.changed_at).toISOString(),
    }));
    const last = items.at(-1);
    return { items, nextCursor: rows.length > options.limit && last ? Buffer.from(`${last.changedAt}|${last.auditId}`).toString('base64url') : null };
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

function decodeAuditCursor(cursor: string | null): { at: string; id: string } | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !isUuid(id)) throw new PaymentsError('PAYMENTS.INVALID_CURSOR', 'The cursor is not valid', { field: 'cursor', cursor });
  return { at, id };
}
