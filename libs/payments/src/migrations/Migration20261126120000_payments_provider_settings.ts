import { Migration } from '@mikro-orm/migrations';

/**
 * Tenants' own provider keys (sealed with the platform master key: `{ kid, iv, ct }` envelopes,
 * never the key), their default provider, and the audit of who changed which setting.
 */
export class Migration20261126120000_payments_provider_settings extends Migration {
  override up(): void {
    this.addSql(`create table payment_provider_settings (
      tenant_id text not null, provider text not null, enabled boolean not null,
      secret_key jsonb null, secret_key_hint text null, webhook_secret jsonb null, webhook_secret_hint text null,
      updated_at timestamptz not null, updated_by text null, primary key (tenant_id, provider))`);
    this.addSql(`create table payment_tenant_settings (
      tenant_id text primary key, default_provider text null, updated_at timestamptz not null, updated_by text null)`);
    this.addSql(`create table payment_settings_audit (
      audit_id uuid primary key, tenant_id text not null, actor_id text null, request_id text null,
      changes jsonb not null, changed_at timestamptz not null)`);
    this.addSql(`create index payment_settings_audit_tenant_id_changed_at_index on payment_settings_audit (tenant_id, changed_at)`);
  }

  override down(): void {
    for (const table of ['payment_settings_audit', 'payment_tenant_settings', 'payment_provider_settings']) this.addSql(`drop table if exists ${table}`);
  }
}
