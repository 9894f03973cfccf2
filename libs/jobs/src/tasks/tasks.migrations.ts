import { Migration } from '@mikro-orm/migrations';

/**
 * async_tasks (SPEC): one-off work enqueued by commands and reactors. Columns beyond the SPEC's
 * five carry the retry state: attempts, when it may run next, the lease of the worker running
 * it (a dead worker's task is taken over once it runs out), the last error, the sweep's retries
 * of a dead task. dedupe_key makes an at-least-once producer enqueue a task once.
 */
export class Migration20261204110000_async_tasks extends Migration {
  override up(): void {
    this.addSql(`
      create table if not exists async_tasks (
        task_id uuid primary key,
        task_type text not null,
        payload jsonb not null,
        status text not null check (status in ('pending', 'running', 'retrying', 'succeeded', 'dead')),
        created_at timestamptz not null default now(),
        dedupe_key text null unique,
        attempts integer not null default 0,
        revivals integer not null default 0,
        next_attempt_at timestamptz null,
        lease_until timestamptz null,
        last_error text null,
        completed_at timestamptz null
      )`);
    // What workers and the sweep claim, and what backpressure counts: the unfinished ones only.
    this.addSql(`create index if not exists async_tasks_due on async_tasks (next_attempt_at) where status in ('pending', 'retrying', 'dead')`);
    this.addSql(`create index if not exists async_tasks_running on async_tasks (lease_until) where status = 'running'`);
    this.addSql(`create index if not exists async_tasks_status on async_tasks (status, task_id)`);
  }

  override down(): void {
    this.addSql('drop table if exists async_tasks');
  }
}
