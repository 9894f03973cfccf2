import { Env, EnvReader } from '@tally/platform';
import { TaskRetryPolicy } from './async-task';

/** Settings of the async tasks (read once at boot, STYLE rule 11). */
export interface TasksConfig {
  /** How often an idle worker looks for due tasks (an enqueue in the same process wakes it at once). */
  pollMs: number;
  /** Tasks claimed per round and run side by side. */
  concurrency: number;
  /** How long a claim holds: a worker that died mid-task leaves it to the next one after this. */
  leaseMs: number;
  /** The default retry policy (a handler may override it). */
  retry: TaskRetryPolicy;
  /** Retries of a dead task by the dead-letter sweep before it waits for an operator; 0 turns them off. */
  deadMaxRevivals: number;
  /** Delay before the sweep's first retry of a dead task, doubling per retry up to deadRetryMaxMs. */
  deadRetryBaseMs: number;
  deadRetryMaxMs: number;
  /** The vote path sheds load while more tasks than this wait to run (pending or retrying); 0 turns it off. */
  backpressureMaxPending: number;
}

export const TASKS_CONFIG = Symbol('TasksConfig');

export function loadTasksConfig(env: Env): TasksConfig {
  const read = new EnvReader(env);
  return {
    pollMs: read.int('TASKS_POLL_MS', 1_000, { min: 5, max: 60_000 }),
    concurrency: read.int('TASKS_CONCURRENCY', 4, { min: 1, max: 64 }),
    // Longer than any handler should take (a provider call with its SDK's retries); a shorter lease lets a slow task run twice.
    leaseMs: read.int('TASKS_LEASE_MS', 300_000, { min: 100, max: 86_400_000 }),
    retry: {
      maxAttempts: read.int('TASKS_MAX_ATTEMPTS', 5, { min: 1, max: 100 }),
      baseDelayMs: read.int('TASKS_RETRY_BASE_MS', 2_000, { min: 1, max: 3_600_000 }),
      maxDelayMs: read.int('TASKS_RETRY_MAX_MS', 300_000, { min: 1, max: 86_400_000 }),
    },
    deadMaxRevivals: read.int('TASKS_DEAD_MAX_RETRIES', 5, { min: 0, max: 100 }),
    // The sweep runs every 5 minutes: shorter delays than that only mean "at the next sweep".
    deadRetryBaseMs: read.int('TASKS_DEAD_RETRY_BASE_MS', 300_000, { min: 1, max: 86_400_000 }),
    deadRetryMaxMs: read.int('TASKS_DEAD_RETRY_MAX_MS', 21_600_000, { min: 1, max: 604_800_000 }),
    backpressureMaxPending: read.int('BACKPRESSURE_MAX_PENDING_TASKS', 10_000, { min: 0, max: 100_000_000 }),
  };
}
