import { Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { MikroORM } from '@mikro-orm/postgresql';
import { AdvisoryLocks } from '@tally/eventstore';
import { Clock, ErrorTracker, TallyMetrics, uuidv7 } from '@tally/platform';
import { CronJob } from 'cron';
import { jobRuns } from './job-runs';
import { ScheduledJob } from './scheduled-job';

/** What a tick did: ran the job, found another process leading it, or found its previous run still going. */
export type TickOutcome = 'ran' | 'standby' | 'busy';

/**
 * Runs the registered jobs on their schedules (timers in @nestjs/schedule's registry, so they
 * are the framework's). On every tick, per job:
 * - a run still going here → skip (a run never overlaps itself);
 * - not the leader and the job's advisory lock is taken → skip (another process leads it);
 * - otherwise lead (the lock stays ours until this process or its lock connection dies, so a
 *   crashed leader is replaced at the next tick of a standby), and run it, recorded in batch_jobs
 *   and job_results.
 */
export class JobScheduler {
  private readonly logger = new Logger('JobScheduler');
  private readonly running = new Map<string, Promise<void>>();
  private names: string[] = [];
  private stopped = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly locks: AdvisoryLocks,
    private readonly timers: SchedulerRegistry,
    private readonly clock: Clock,
    // Absent where nothing serves metrics (the CLI's one-off runs).
    private readonly metrics?: TallyMetrics,
    private readonly errors?: ErrorTracker,
  ) {}

  start(jobs: readonly ScheduledJob[]): void {
    for (const job of jobs) {
      const name = timerName(job);
      const tick = () => void this.tick(job);
      if ('everyMs' in job.schedule) {
        const timer = setInterval(tick, job.schedule.everyMs);
        timer.unref();
        this.timers.addInterval(name, timer);
      } else {
        this.timers.addCronJob(name, CronJob.from({ cronTime: job.schedule.cron, onTick: tick, start: true, timeZone: 'UTC' }));
      }
      this.names.push(name);
    }
    if (jobs.length) this.logger.log(`Scheduling ${jobs.length} job(s): ${jobs.map((job) => `${job.name} (${describeSchedule(job)})`).join(', ')}`);
  }

  /** One tick of one job (the timers call this; tests call it to play ticks). */
  async tick(job: ScheduledJob): Promise<TickOutcome> {
    if (this.stopped || this.running.has(job.name)) return 'busy';
    let settle = () => {};
    this.running.set(job.name, new Promise<void>((resolve) => (settle = resolve)));
    try {
      if (!(await this.lead(job))) return 'standby';
      await this.runRecorded(job);
      return 'ran';
    } catch (error) {
      // The lock or the run records could not be reached: the next tick tries again.
      this.logger.error({ err: error }, `${job.name}: tick failed`);
      return 'busy';
    } finally {
      this.running.delete(job.name);
      settle();
    }
  }

  /** Stops the timers, lets runs in progress finish, releases the leaderships. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const name of this.names) {
      if (this.timers.doesExist('interval', name)) this.timers.deleteInterval(name);
      if (this.timers.doesExist('cron', name)) this.timers.deleteCronJob(name);
    }
    this.names = [];
    await Promise.allSettled([...this.running.values()]);
    await this.locks.close();
  }

  private async lead(job: ScheduledJob): Promise<boolean> {
    const key = `job:${job.name}`;
    if (this.locks.holds(key)) return true;
    if (!(await this.locks.tryLock(key))) return false;
    const abandoned = await jobRuns.abandonRunning(this.orm.em.fork(), job.name, this.clock.now());
    this.logger.log(`${job.name}: this process leads it now${abandoned ? ` (${abandoned} run(s) of a previous leader marked abandoned)` : ''}`);
    return true;
  }

  private async runRecorded(job: ScheduledJob): Promise<void> {
    const jobId = uuidv7();
    await jobRuns.start(this.orm.em.fork(), jobId, job.name, this.clock.now());
    let outcome: { status: 'succeeded' | 'failed'; result: unknown; error: string | null };
    const started = process.hrtime.bigint();
    try {
      outcome = { status: 'succeeded', result: await job.run(), error: null };
    } catch (error) {
      outcome = { status: 'failed', result: undefined, error: error instanceof Error ? error.message : String(error) };
      this.logger.error({ err: error }, `${job.name} failed`);
      this.errors?.record('job', job.name, { service: job.name, jobId }, error);
    }
    this.metrics?.jobDuration.observe({ kind: 'job', name: job.name, outcome: outcome.status }, Number(process.hrtime.bigint() - started) / 1e9);
    await jobRuns.finish(this.orm.em.fork(), { jobId, resultId: uuidv7(), ...outcome, now: this.clock.now() });
  }
}

export function describeSchedule(job: ScheduledJob): string {
  return 'everyMs' in job.schedule ? `every ${job.schedule.everyMs} ms` : `cron ${job.schedule.cron} UTC`;
}

function timerName(job: ScheduledJob): string {
  return `job:${job.name}`;
}
