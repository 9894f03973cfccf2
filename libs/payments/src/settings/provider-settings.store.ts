import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Envelope, uuidv7 } from '@tally/platform';
import { PROVIDER_NAMES, ProviderName } from '../domain/payment.events';
import { SettingsChange } from './provider-settings';

/** A stored key: its envelope and the hint reads show. */
export interface SealedKey {
  envelope: Envelope;
  hint: string;
}

export interface ProviderSettingsRecord {
  enabled: boolean;
  secretKey: SealedKey | null;
  webhookSecret: SealedKey | null;
}

export interface PaymentSettingsRecord {
  defaultProvider: ProviderName | null;
  /** Only the providers the tenant has its own row for. */
  providers: Partial<Record<ProviderName, ProviderSettingsRecord>>;
  updatedAt: Date | null;
  updatedBy: string | null;
}

export interface SettingsAudit {
  actorId: string | null;
  requestId: string | null;
  changes: SettingsChange[];
}

/** An audit entry as stored: who, which request, and the changed fields with masked hints only. */
export interface SettingsAuditRow {
  audit_id: string;
  actor_id: string | null;
  request_id: string | null;
  changes: SettingsChange[];
  changed_at: Date;
}

interface ProviderRow {
  provider: ProviderName;
  enabled: boolean;
  secret_key: Envelope | null;
  secret_key_hint: string | null;
  webhook_secret: Envelope | null;
  webhook_secret_hint: string | null;
  updated_at: Date;
  updated_by: string | null;
}

type Sql = <T>(query: string, params: unknown[]) => Promise<T[]>;

/**
 * Tenants' provider settings, in tables like the price lists and tax rules beside them. A change
 * runs in one transaction under a per-tenant lock: read, merge, write the rows and the audit
 * entry, so two concurrent changes never lose each other's fields and no change goes unaudited.
 */
@Injectable()
export class ProviderSettingsStore {
  constructor(private readonly em: EntityManager) {}

  load(tenantId: string): Promise<PaymentSettingsRecord> {
    return loadWith(this.sqlOf(this.em.fork()), tenantId);
  }

  /** `change` gets the current settings and returns the new ones with their audit, or null to change nothing. */
  async change(tenantId: string, now: Date, change: (current: PaymentSettingsRecord) => { next: PaymentSettingsRecord; audit: SettingsAudit } | null): Promise<PaymentSettingsRecord> {
    return this.em.fork().transactional(async (em) => {
      const sql = this.sqlOf(em);
      await sql(`select pg_advisory_xact_lock(hashtext(?))`, [`payment-settings:${tenantId}`]);
      const current = await loadWith(sql, tenantId);
      const outcome = change(current);
      if (!outcome) return current;
      const { next, audit } = outcome;
      for (const provider of PROVIDER_NAMES) {
        const settings = next.providers[provider];
        if (!settings) {
          await sql(`delete from payment_provider_settings where tenant_id = ? and provider = ?`, [tenantId, provider]);
          continue;
        }
        await sql(
          `insert into payment_provider_settings (tenant_id, provider, enabled, secret_key, secret_key_hint, webhook_secret, webhook_secret_hint, updated_at, updated_by)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?)
           on conflict (tenant_id, provider) do update set enabled = excluded.enabled, secret_key = excluded.secret_key, secret_key_hint = excluded.secret_key_hint,
             webhook_secret = excluded.webhook_secret, webhook_secret_hint = excluded.webhook_secret_hint, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
          [tenantId, provider, settings.enabled, json(settings.secretKey), settings.secretKey?.hint ?? null, json(settings.webhookSecret), settings.webhookSecret?.hint ?? null, now, audit.actorId],
        );
      }
      await sql(
        `insert into payment_tenant_settings (tenant_id, default_provider, updated_at, updated_by) values (?, ?, ?, ?)
         on conflict (tenant_id) do update set default_provider = excluded.default_provider, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        [tenantId, next.defaultProvider, now, audit.actorId],
      );
      await sql(`insert into payment_settings_audit (audit_id, tenant_id, actor_id, request_id, changes, changed_at) values (?, ?, ?, ?, ?, ?)`, [
        uuidv7(),
        tenantId,
        audit.actorId,
        audit.requestId,
        JSON.stringify(audit.changes),
        now,
      ]);
      return { ...next, updatedAt: now, updatedBy: audit.actorId };
    });
  }

  /** One page of the tenant's settings audit, newest first, after the entry `after` (exclusive). */
  async auditPage(tenantId: string, after: { at: string; id: string } | null, limit: number): Promise<SettingsAuditRow[]> {
    const params: unknown[] = [tenantId];
    let where = 'tenant_id = ?';
    if (after) {
      where += ' and (changed_at, audit_id) < (?, ?)';
      params.push(after.at, after.id);
    }
    params.push(limit);
    return this.sqlOf(this.em.fork())<SettingsAuditRow>(
      `select audit_id, actor_id, request_id, changes, changed_at from payment_settings_audit where ${where} order by changed_at desc, audit_id desc limit ?`,
      params,
    );
  }

  /**
   * Tenants with a key of their own stored for some provider, enabled or not (reconciliation asks
   * each of their accounts: a disabled provider takes no new payments, but its old ones still settle).
   */
  async tenantsWithOwnKeys(): Promise<string[]> {
    const rows = await this.sqlOf(this.em.fork())<{ tenant_id: string }>(`select distinct tenant_id from payment_provider_settings where secret_key is not null order by tenant_id`, []);
    return rows.map((row) => row.tenant_id);
  }

  /** Runs on the fork's transaction when it has one (em.execute does; the bare connection would take another from the pool, outside the lock, and wait for ever on PGlite). */
  private sqlOf(em: EntityManager): Sql {
    return <T>(query: string, params: unknown[]) => em.execute<T[]>(query, params);
  }
}

async function loadWith(sql: Sql, tenantId: string): Promise<PaymentSettingsRecord> {
  const [tenant] = await sql<{ default_provider: ProviderName | null; updated_at: Date; updated_by: string | null }>(
    `select default_provider, updated_at, updated_by from payment_tenant_settings where tenant_id = ?`,
    [tenantId],
  );
  const rows = await sql<ProviderRow>(`select * from payment_provider_settings where tenant_id = ?`, [tenantId]);
  const providers: PaymentSettingsRecord['providers'] = {};
  for (const row of rows) {
    if (!(PROVIDER_NAMES as readonly string[]).includes(row.provider)) continue;
    providers[row.provider] = {
      enabled: row.enabled,
      secretKey: row.secret_key ? { envelope: row.secret_key, hint: row.secret_key_hint ?? '…' } : null,
      webhookSecret: row.webhook_secret ? { envelope: row.webhook_secret, hint: row.webhook_secret_hint ?? '…' } : null,
    };
  }
  return { defaultProvider: tenant?.default_provider ?? null, providers, updatedAt: tenant ? new Date(tenant.updated_at) : null, updatedBy: tenant?.updated_by ?? null };
}

function json(key: SealedKey | null): string | null {
  return key ? JSON.stringify(key.envelope) : null;
}
