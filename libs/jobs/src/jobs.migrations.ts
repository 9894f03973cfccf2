import { Migration } from '@mikro-orm/migrations';

/**
 * The runs of scheduled jobs (SPEC: batch_jobs, job_results). A run is `running` while its
 * leader works, then `succeeded` or `failed`; a leader that died mid-run leaves `running`,
 * which the next leader marks `abandoned`. Results are kept apart so listing runs stays light.
 */
export class Migration20261204051000_jobs_runs extends Migration {
  override up(): void {
    this.addSql(`
      create table if not exists batch_jobs (
        job_id uuid primary key,
        job_type text not null,
        status text not null check (status in ('running', 'succeeded', 'failed', 'abandoned')),
        created_at timestamptz not null default now(),
        completed_at timestamptz null
      )`);
    this.addSql(`create index if not exists batch_jobs_type_created on batch_jobs (job_type, created_at desc)`);
    this.addSql(`
      create table if not exists job_results (
        result_id uuid primary key,
        job_id uuid not null,
        result_json jsonb null,
        error_message text null
      )`);
    this.addSql(`create index if not exists job_results_job on job_results (job_id)`);
  }

  override down(): void {
    this.addSql('drop table if exists job_results');
    this.addSql('drop table if exists batch_jobs');
  }
}
