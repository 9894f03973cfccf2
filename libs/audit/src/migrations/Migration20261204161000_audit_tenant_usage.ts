import { Migration } from '@mikro-orm/migrations';

export class Migration20261204161000_audit_tenant_usage extends Migration {
  override up(): void {
    // Filled by the daily job audit.tenant-usage (usage/tenant-usage.job.ts).
    this.addSql(`create table tenant_usage (
      tenant_id text not null, date date not null, vote_count integer not null, voter_count integer not null,
      payment_count integer not null, refund_count integer not null, contests_created integer not null, api_requests integer not null,
      computed_at timestamptz not null, primary key (tenant_id, date))`);
  }

  override down(): void {
    this.addSql('drop table if exists tenant_usage');
  }
}
