import { RegisteredJob } from '../registered-job.decorator';
import { ScheduledJob } from '../scheduled-job';

/** A job for the scheduler's tests: counts its runs, can be made slow or failing. */
@RegisteredJob()
export class CountingJob implements ScheduledJob {
  readonly name = 'test.counting';
  // Ticks are played by the tests (JobScheduler.tick); the timer never fires within one.
  readonly schedule = { everyMs: 3_600_000 };
  runs = 0;
  failWith: string | null = null;
  gate: Promise<void> | null = null;

  async run(): Promise<{ run: number }> {
    this.runs += 1;
    const run = this.runs;
    if (this.gate) await this.gate;
    if (this.failWith) throw new Error(this.failWith);
    return { run };
  }
}
