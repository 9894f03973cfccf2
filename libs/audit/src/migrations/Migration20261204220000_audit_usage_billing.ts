import { Migration } from '@mikro-orm/migrations';

export class Migration20261204220000_audit_usage_billing extends Migration {
  override up(): void {
    // What billing counts of the vote and payment events, summed per tenant, UTC day, kind and
    // currency ('' for votes) by projection audit.usage-facts (domain/usage-fact.ts): a few rows a
    // day, not one per vote, so the vote path's worker pays one upsert per batch.
    this.addSql(`create table usage_facts (
      tenant_id text not null, date date not null, kind text not null, currency text not null,
      events integer not null, votes bigint not null, paid_votes bigint not null, free_votes bigint not null, quota_votes bigint not null,
      amount_minor bigint not null,
      primary key (tenant_id, date, kind, currency))`);
    // The day's sums of them in tenant_usage; volumes are { currency: minor units }.
    this.addSql(`alter table tenant_usage
      add column votes_cast integer not null default 0, add column votes_paid integer not null default 0,
      add column votes_free integer not null default 0, add column votes_quota integer not null default 0,
      add column votes_refunded integer not null default 0, add column votes_voided integer not null default 0,
      add column votes_rejected integer not null default 0,
      add column payment_volume jsonb not null default '{}', add column refunded_volume jsonb not null default '{}'`);
  }

  override down(): void {
    this.addSql(`alter table tenant_usage drop column votes_cast, drop column votes_paid, drop column votes_free, drop column votes_quota,
      drop column votes_refunded, drop column votes_voided, drop column votes_rejected, drop column payment_volume, drop column refunded_volume`);
    this.addSql('drop table if exists usage_facts');
  }
}
