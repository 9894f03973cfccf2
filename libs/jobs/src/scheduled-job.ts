/** When a job runs: every N milliseconds, or on a cron expression (UTC; seconds field optional). */
export type JobSchedule = { everyMs: number } | { cron: string };

/**
 * Work on a timer (cleanups, retries, reconciliations). Exactly one process runs it: the
 * scheduler of the worker role that holds its advisory lock (the leader); a run never overlaps
 * the previous one, and every run is recorded in batch_jobs and job_results.
 */
export interface ScheduledJob {
  /** Stable name (`<context>.<job>`): the lock key and batch_jobs.job_type. */
  readonly name: string;
  readonly schedule: JobSchedule;
  /** What it returns is stored as the run's result_json; a throw makes the run `failed`. */
  run(): Promise<unknown>;
}
