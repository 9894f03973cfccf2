import { retryDelay } from '@tally/eventstore';
import { AsyncTask, TaskRetryPolicy } from './async-task';
import { TaskFailure } from './async-tasks';

/** The dead-letter sweep's retries of dead tasks (TASKS_DEAD_*). */
export interface DeadTaskPolicy {
  maxRevivals: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * What follows a failed try: another try after a backoff (exponential, ±20 % jitter) while
 * attempts last; then dead, with the sweep's next retry further off after each revival, and
 * none once they are used up (an operator's turn).
 */
export function nextAfterFailure(task: Pick<AsyncTask, 'attempts' | 'revivals'>, policy: TaskRetryPolicy, dead: DeadTaskPolicy, random: () => number = Math.random): TaskFailure {
  if (task.attempts < policy.maxAttempts) return { status: 'retrying', retryInMs: retryDelay(task.attempts, policy.baseDelayMs, policy.maxDelayMs, random) };
  if (task.revivals >= dead.maxRevivals) return { status: 'dead', retryInMs: null };
  return { status: 'dead', retryInMs: retryDelay(task.revivals + 1, dead.baseDelayMs, dead.maxDelayMs, random) };
}
