import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { ContextSchema } from '@tally/platform';
import { Pool } from 'pg';
import { AsyncTask, TaskHandler } from '../async-task';
import { RegisteredTask } from '../registered-task.decorator';

export interface EffectLogPayload {
  n: number;
}

/**
 * A task handler for the task tests. Its effect happens on its own connection, as a real one
 * (a provider call, a command) would: one row per task in task_effects, written idempotently
 * (keyed by the task id). task_attempts records every run with its time, so a test sees a task
 * run twice while its effect happened once, and the delays between tries. It can fail until
 * healed, and kill its own process right after an effect, before the outcome is recorded.
 */
@RegisteredTask('test.effect-log')
export class EffectLogTask implements TaskHandler<EffectLogPayload> {
  private pool: Pool | null = null;
  failing = new Set<number>();
  killAfter: number | null = null;
  /** Held open while set: a run in progress (for the tests of concurrent workers). */
  gate: Promise<void> | null = null;

  configure(options: { url: string; killAfter?: number | null }): this {
    this.pool = new Pool({ connectionString: options.url, max: 2 });
    this.killAfter = options.killAfter ?? null;
    return this;
  }

  async close(): Promise<void> {
    await this.pool?.end();
  }

  async handle(payload: EffectLogPayload, task: AsyncTask<EffectLogPayload>): Promise<{ n: number }> {
    const pool = this.pool;
    if (!pool) throw new Error('EffectLogTask is not configured');
    await pool.query('insert into task_attempts (task_id, n) values ($1, $2)', [task.taskId, payload.n]);
    if (this.gate) await this.gate;
    if (this.failing.has(payload.n)) throw new Error(`task ${payload.n} cannot be done yet`);
    await pool.query('insert into task_effects (task_id, n) values ($1, $2) on conflict (task_id) do nothing', [task.taskId, payload.n]);
    if (this.killAfter === payload.n) process.kill(process.pid, 'SIGKILL');
    return { n: payload.n };
  }
}

@Entity({ tableName: 'task_effects' })
export class TaskEffectRow {
  @PrimaryKey({ type: 'uuid' }) taskId!: string;
  @Property({ type: 'integer' }) n!: number;
}

class Migration20261204110500_task_effects extends Migration {
  override up(): void {
    this.addSql('create table if not exists task_effects (task_id uuid primary key, n integer not null)');
    this.addSql('create table if not exists task_attempts (task_id uuid not null, n integer not null, at timestamptz not null default clock_timestamp())');
  }
}

/** The effect-log task's tables, as a context's schema. */
export const effectLogTaskSchema: ContextSchema = {
  entities: [TaskEffectRow],
  migrations: [{ name: 'Migration20261204110500_task_effects', class: Migration20261204110500_task_effects }],
};
