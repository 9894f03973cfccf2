import { Migration } from '@mikro-orm/migrations';

/**
 * `disputes`, the projection of the `dispute-` streams: the case workflow (SPEC's dispute_cases
 * columns: dispute_id, payment_id, reason, status, resolution, plus the vote, voter and effect).
 * Payments' own `dispute_cases` keeps the provider's view of a chargeback (amount, credits held);
 * a provider-opened case links to it by provider_dispute_id.
 */
export class Migration20261204183000_disputes_init extends Migration {
  override up(): void {
    this.addSql(`create table disputes (
      dispute_id uuid primary key, tenant_id text not null, kind text not null, user_id text not null,
      vote_id uuid null, payment_id uuid null, provider_dispute_id text null, reason text not null,
      status text not null, resolution text null, effect jsonb null, opened_by text not null, opened_by_user text null,
      opened_at timestamptz not null, investigated_at timestamptz null, investigated_by text null,
      closed_at timestamptz null, closed_by text null, updated_position text not null)`);
    // The tenant's queue and a voter's own cases, newest first (ids are UUIDv7).
    this.addSql('create index disputes_tenant_index on disputes (tenant_id, status, dispute_id desc)');
    this.addSql('create index disputes_user_index on disputes (tenant_id, user_id, dispute_id desc)');
  }

  override down(): void {
    this.addSql('drop table if exists disputes');
  }
}
