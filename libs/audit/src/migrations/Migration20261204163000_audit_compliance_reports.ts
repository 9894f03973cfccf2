import { Migration } from '@mikro-orm/migrations';

export class Migration20261204163000_audit_compliance_reports extends Migration {
  override up(): void {
    // Every report handed out, as it was handed out, with its SHA-256 (compliance/compliance-reporter.ts).
    this.addSql(`create table compliance_reports (
      report_id uuid primary key, tenant_id text not null, kind text not null, subject_id text not null,
      generated_at timestamptz not null, generated_by text null, body jsonb not null, sha256 text not null)`);
    this.addSql(`create index compliance_reports_tenant_id_report_id_index on compliance_reports (tenant_id, report_id)`);
  }

  override down(): void {
    this.addSql('drop table if exists compliance_reports');
  }
}
