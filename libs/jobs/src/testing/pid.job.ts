import { RegisteredJob } from '../registered-job.decorator';
import { ScheduledJob } from '../scheduled-job';

/** A job for the multi-process scheduler test: each run records which process ran it. */
@RegisteredJob()
export class PidJob implements ScheduledJob {
  /** Set by the worker process before its module is built (job-worker.main.ts). */
  static everyMs = 3_600_000;
  readonly name = 'test.pid';
  readonly schedule = { everyMs: PidJob.everyMs };

  run(): Promise<{ pid: number }> {
    return Promise.resolve({ pid: process.pid });
  }
}
