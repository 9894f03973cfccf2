import { Migration } from '@mikro-orm/migrations';

export class Migration20261125193000_payments_init extends Migration {
  override up(): void {
    this.addSql(`create table payments (
      payment_id uuid primary key, tenant_id text not null, user_id text not null, contest_id text null,
      votes integer not null, amount bigint not null, currency text not null, tax_amount bigint not null,
      amount_refunded bigint not null default 0, status text not null, provider text not null,
      payment_method text null, provider_payment_id text not null, timestamp timestamptz not null, updated_at timestamptz not null)`);
    this.addSql(`create index payments_tenant_id_user_id_timestamp_index on payments (tenant_id, user_id, timestamp)`);
    this.addSql(`create index payments_tenant_id_timestamp_index on payments (tenant_id, timestamp)`);
    this.addSql(`create index payments_provider_provider_payment_id_index on payments (provider, provider_payment_id)`);
    this.addSql(`create table payment_webhooks (
      webhook_id uuid primary key, tenant_id text not null, payment_id text null, provider text not null,
      provider_event_id text not null, event_type text not null, signature text not null, verified_at timestamptz not null,
      payload jsonb not null, status text not null, attempts integer not null default 0, last_error text null,
      next_attempt_at timestamptz null, processed_at timestamptz null,
      constraint payment_webhooks_provider_provider_event_id_unique unique (provider, provider_event_id))`);
    this.addSql(`create index payment_webhooks_status_next_attempt_at_index on payment_webhooks (status, next_attempt_at)`);
    this.addSql(`create table payment_logs (
      log_id uuid primary key, tenant_id text not null, payment_id text null, provider text not null, event text not null,
      status_code integer not null, response jsonb not null, created_at timestamptz not null)`);
    this.addSql(`create index payment_logs_tenant_id_payment_id_index on payment_logs (tenant_id, payment_id)`);
    this.addSql(`create table refunds (
      refund_id text primary key, tenant_id text not null, payment_id uuid not null, amount bigint not null, currency text not null,
      reason text not null, status text not null, provider_refund_id text null, requested_by text null,
      requested_at timestamptz not null, processed_at timestamptz null)`);
    this.addSql(`create index refunds_tenant_id_payment_id_index on refunds (tenant_id, payment_id)`);
    this.addSql(`create table dispute_cases (
      dispute_id text primary key, tenant_id text not null, payment_id uuid not null, reason text not null, status text not null,
      resolution text null, amount bigint not null, currency text not null, credits_held integer null,
      opened_at timestamptz not null, closed_at timestamptz null)`);
    this.addSql(`create index dispute_cases_tenant_id_payment_id_index on dispute_cases (tenant_id, payment_id)`);
    this.addSql(`create table payment_price_lists (
      tenant_id text not null, contest_id text not null, currency text not null, unit_amount integer not null,
      is_base boolean not null, updated_at timestamptz not null, primary key (tenant_id, contest_id, currency))`);
    this.addSql(`create table payment_tax_rules (
      tenant_id text not null, country text not null, rate text not null, mode text not null, updated_at timestamptz not null,
      primary key (tenant_id, country))`);
    this.addSql(`create table payment_fx_rates (
      tenant_id text not null, base text not null, quote text not null, as_of timestamptz not null, rate text not null,
      primary key (tenant_id, base, quote, as_of))`);
    this.addSql(`create table payment_reactor_checkpoints (name text primary key, position text not null, updated_at timestamptz not null)`);
  }

  override down(): void {
    for (const table of ['payment_reactor_checkpoints', 'payment_fx_rates', 'payment_tax_rules', 'payment_price_lists', 'dispute_cases', 'refunds', 'payment_logs', 'payment_webhooks', 'payments']) {
      this.addSql(`drop table if exists ${table}`);
    }
  }
}
