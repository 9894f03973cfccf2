import { Migration } from '@mikro-orm/migrations';

/**
 * fraud_scores is written once per vote by the worker (a screened vote's score and factors) and
 * read by id: its two secondary indexes, (tenant, user, time) and (tenant, contest, time), were
 * served to no query and cost every vote two index insertions (bench/README.md, issue 13's
 * compare). Per-contest and per-user reviews read fraud_flags and the log.
 */
export class Migration20261205010000_fraud_scores_lean extends Migration {
  override up(): void {
    this.addSql(`drop index if exists fraud_scores_tenant_user_idx`);
    this.addSql(`drop index if exists fraud_scores_tenant_contest_idx`);
  }

  override down(): void {
    this.addSql(`create index if not exists fraud_scores_tenant_user_idx on fraud_scores (tenant_id, user_id, created_at)`);
    this.addSql(`create index if not exists fraud_scores_tenant_contest_idx on fraud_scores (tenant_id, contest_id, created_at)`);
  }
}
