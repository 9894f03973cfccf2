/**
 * One-off work in async_tasks: `pending` until a worker claims it (`running`, under a lease),
 * then `succeeded`, or `retrying` after a failure (exponential backoff with jitter), or `dead`
 * once its attempts are used up. The dead-letter sweep retries a dead task with growing delays
 * a bounded number of times (`revivals`); after that it waits for an operator.
 */
export type TaskStatus = 'pending' | 'running' | 'retrying' | 'succeeded' | 'dead';

export const TASK_STATUSES: readonly TaskStatus[] = ['pending', 'running', 'retrying', 'succeeded', 'dead'];

export interface AsyncTask<Payload = unknown> {
  taskId: string;
  taskType: string;
  payload: Payload;
  status: TaskStatus;
  /** What makes two enqueues the same task (e.g. the event that caused it); null: always a new one. */
  dedupeKey: string | null;
  /** Every claim so far, by a worker or by the sweep. */
  attempts: number;
  /** Retries of the dead task by the dead-letter sweep so far. */
  revivals: number;
  /** When it may run next: its first run, its next retry, or the sweep's next retry of a dead task (null: an operator's turn). */
  nextAttemptAt: Date | null;
  lastError: string | null;
  createdAt: Date;
  completedAt: Date | null;
}

/** How often a task type is tried before it is dead (defaults: TASKS_* settings). */
export interface TaskRetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * The work of one task type. Delivery is at least once (a worker that dies mid-task leaves it
 * to the next once its lease runs out), so `handle` must be idempotent: derive provider
 * idempotency keys and ids from the task. A throw is a failure to retry; a return is done.
 */
export interface TaskHandler<Payload = unknown> {
  /** Overrides of the default retry policy for this type. */
  readonly retry?: Partial<TaskRetryPolicy>;
  /** What it returns is logged, never stored: tasks are not a results table. */
  handle(payload: Payload, task: AsyncTask<Payload>): Promise<unknown>;
}

/** What a command or reactor hands to TaskQueue.enqueue. */
export interface TaskToEnqueue<Payload = unknown> {
  type: string;
  payload: Payload;
  /** Enqueuing the same key twice keeps the first task (at-least-once producers, e.g. reactors). */
  dedupeKey?: string;
}
