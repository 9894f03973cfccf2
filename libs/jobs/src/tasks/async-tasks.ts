import { EntityManager } from '@mikro-orm/postgresql';
import { AsyncTask, TaskStatus } from './async-task';

interface TaskRow {
  task_id: string;
  task_type: string;
  payload: unknown;
  status: TaskStatus;
  dedupe_key: string | null;
  attempts: number;
  revivals: number;
  next_attempt_at: Date | string | null;
  last_error: string | null;
  created_at: Date | string;
  completed_at: Date | string | null;
}

const COLUMNS = 'task_id, task_type, payload, status, dedupe_key, attempts, revivals, next_attempt_at, last_error, created_at, completed_at';
/** Errors are kept for operators, not as an unbounded log. */
const MAX_ERROR_LENGTH = 4_000;

export interface TaskCount {
  type: string;
  status: TaskStatus;
  count: number;
  waitingForOperator: number;
}

/** What comes after a failed try: another one after a delay, or dead (and when the sweep may retry it; null: never). */
export type TaskFailure = { status: 'retrying'; retryInMs: number } | { status: 'dead'; retryInMs: number | null };

/**
 * SQL over async_tasks through the caller's EntityManager (`em.execute` joins the caller's
 * transaction, so an enqueue commits or rolls back with the caller's writes). Times are the
 * database's now(), so every process agrees on what is due. A claim is one statement
 * (`for update skip locked`), so two workers never claim the same task at once; the claim's
 * attempt number fences the outcome: a worker whose lease ran out cannot overwrite its successor's.
 */
export const asyncTasks = {
  /** The new task's id, or the id of the task already enqueued under the same dedupe key. */
  async insert(em: EntityManager, task: { taskId: string; type: string; payload: unknown; dedupeKey: string | null }): Promise<{ taskId: string; created: boolean }> {
    const inserted = await em.execute<{ task_id: string }[]>(
      `insert into async_tasks (task_id, task_type, payload, status, dedupe_key, next_attempt_at)
       values (?, ?, ?::jsonb, 'pending', ?, now()) on conflict (dedupe_key) do nothing returning task_id`,
      [task.taskId, task.type, JSON.stringify(task.payload), task.dedupeKey],
    );
    if (inserted[0]) return { taskId: inserted[0].task_id, created: true };
    const [existing] = await em.execute<{ task_id: string }[]>(`select task_id from async_tasks where dedupe_key = ?`, [task.dedupeKey]);
    if (!existing) throw new Error(`Task with dedupe key ${task.dedupeKey} was neither inserted nor found`);
    return { taskId: existing.task_id, created: false };
  },

  /** Claims due tasks of these types: new, due for a retry, or running under a lease that ran out (a dead worker's). */
  async claimDue(em: EntityManager, types: readonly string[], limit: number, leaseMs: number): Promise<AsyncTask[]> {
    if (types.length === 0) return [];
    const rows = await em.execute<TaskRow[]>(
      `update async_tasks set status = 'running', attempts = attempts + 1, lease_until = now() + ?::integer * interval '1 millisecond'
        where task_id in (
          select task_id from async_tasks
           where task_type in (${types.map(() => '?').join(', ')})
             and ((status in ('pending', 'retrying') and next_attempt_at <= now()) or (status = 'running' and lease_until < now()))
           order by next_attempt_at nulls first, task_id limit ? for update skip locked)
        returning ${COLUMNS}`,
      [leaseMs, ...types, limit],
    );
    return rows.map(toTask);
  },

  /** Claims dead tasks whose retry by the sweep is due, counting the retry (revivals). */
  async claimDeadDue(em: EntityManager, types: readonly string[], limit: number, leaseMs: number): Promise<AsyncTask[]> {
    if (types.length === 0) return [];
    const rows = await em.execute<TaskRow[]>(
      `update async_tasks set status = 'running', attempts = attempts + 1, revivals = revivals + 1,
              lease_until = now() + ?::integer * interval '1 millisecond'
        where task_id in (
          select task_id from async_tasks
           where task_type in (${types.map(() => '?').join(', ')}) and status = 'dead' and next_attempt_at <= now()
           order by next_attempt_at, task_id limit ? for update skip locked)
        returning ${COLUMNS}`,
      [leaseMs, ...types, limit],
    );
    return rows.map(toTask);
  },

  /** An operator's retry of one dead task (its sweep retries, used up or not, are left as they were); null when it is not dead. */
  async claimDead(em: EntityManager, taskId: string, leaseMs: number): Promise<AsyncTask | null> {
    const rows = await em.execute<TaskRow[]>(
      `update async_tasks set status = 'running', attempts = attempts + 1, lease_until = now() + ?::integer * interval '1 millisecond'
        where task_id = ? and status = 'dead' returning ${COLUMNS}`,
      [leaseMs, taskId],
    );
    return rows[0] ? toTask(rows[0]) : null;
  },

  /** False when the claim was no longer this worker's (its lease ran out and another took the task). */
  async succeed(em: EntityManager, task: AsyncTask): Promise<boolean> {
    const result = await em.execute<{ affectedRows: number }>(
      `update async_tasks set status = 'succeeded', completed_at = now(), lease_until = null, next_attempt_at = null
        where task_id = ? and status = 'running' and attempts = ?`,
      [task.taskId, task.attempts],
      'run',
    );
    return result.affectedRows === 1;
  },

  async fail(em: EntityManager, task: AsyncTask, error: string, failure: TaskFailure): Promise<boolean> {
    const result = await em.execute<{ affectedRows: number }>(
      `update async_tasks set status = ?, last_error = ?, lease_until = null,
              next_attempt_at = now() + ?::integer * interval '1 millisecond'
        where task_id = ? and status = 'running' and attempts = ?`,
      [failure.status, error.slice(0, MAX_ERROR_LENGTH), failure.retryInMs, task.taskId, task.attempts],
      'run',
    );
    return result.affectedRows === 1;
  },

  async get(em: EntityManager, taskId: string): Promise<AsyncTask | null> {
    const rows = await em.execute<TaskRow[]>(`select ${COLUMNS} from async_tasks where task_id = ?`, [taskId]);
    return rows[0] ? toTask(rows[0]) : null;
  },

  /** Newest first; `before` is the last task id of the previous page (ids are UUIDv7, so time-ordered). */
  async list(em: EntityManager, filter: { status?: TaskStatus; type?: string; before?: string; limit: number }): Promise<AsyncTask[]> {
    const conditions: [string, unknown][] = [];
    if (filter.status !== undefined) conditions.push(['status = ?', filter.status]);
    if (filter.type !== undefined) conditions.push(['task_type = ?', filter.type]);
    if (filter.before !== undefined) conditions.push(['task_id < ?', filter.before]);
    const where = conditions.map(([sql]) => sql);
    const params = [...conditions.map(([, value]) => value), filter.limit];
    const rows = await em.execute<TaskRow[]>(`select ${COLUMNS} from async_tasks ${where.length ? `where ${where.join(' and ')}` : ''} order by task_id desc limit ?`, params);
    return rows.map(toTask);
  },

  /** Tasks per type and status (the gauge and the admin view); `waitingForOperator`: dead ones with no sweep retry left. */
  async counts(em: EntityManager): Promise<TaskCount[]> {
    const rows = await em.execute<{ task_type: string; status: TaskStatus; count: string | number; stuck: string | number }[]>(
      `select task_type, status, count(*) as count, count(*) filter (where status = 'dead' and next_attempt_at is null) as stuck
         from async_tasks group by task_type, status order by task_type, status`,
    );
    return rows.map((row) => ({ type: row.task_type, status: row.status, count: Number(row.count), waitingForOperator: Number(row.stuck) }));
  },

  /** Tasks waiting to run (pending or retrying), counted up to `cap` + 1: enough to tell "over the depth" from "not". */
  async countWaiting(em: EntityManager, cap: number): Promise<number> {
    const [row] = await em.execute<{ count: string | number }[]>(
      `select count(*) as count from (select 1 from async_tasks where status in ('pending', 'retrying') limit ?) waiting`,
      [cap + 1],
    );
    return Number(row?.count ?? 0);
  },
};

function toTask(row: TaskRow): AsyncTask {
  return {
    taskId: row.task_id,
    taskType: row.task_type,
    payload: row.payload,
    status: row.status,
    dedupeKey: row.dedupe_key,
    attempts: Number(row.attempts),
    revivals: Number(row.revivals),
    nextAttemptAt: row.next_attempt_at === null ? null : new Date(row.next_attempt_at),
    lastError: row.last_error,
    createdAt: new Date(row.created_at),
    completedAt: row.completed_at === null ? null : new Date(row.completed_at),
  };
}
