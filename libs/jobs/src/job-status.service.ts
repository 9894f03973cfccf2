import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { Clock, CLOCK } from '@tally/platform';
import { CronTime } from 'cron';
import { JobRegistry } from './job-registry';
import { JobRun, jobRuns } from './job-runs';
import { describeSchedule } from './job-scheduler';
import { ScheduledJob } from './scheduled-job';

export interface JobOverview {
  name: string;
  schedule: string;
  lastRun: JobRun | null;
  lastSuccessAt: Date | null;
  /**
   * When the next run is due: the cron's next time, or the last run's start plus the interval
   * (an interval restarts with its leader, so this is an estimate there).
   */
  nextRunAt: Date | null;
  failures24h: number;
}

/** Every registered job with its last run, next run and failures (jobs:list, GET /api/admin/jobs). */
@Injectable()
export class JobStatusService {
  constructor(
    private readonly registry: JobRegistry,
    private readonly orm: MikroORM,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(): Promise<JobOverview[]> {
    const now = this.clock.now();
    const overviews: JobOverview[] = [];
    for (const job of this.registry.all()) {
      const history = await jobRuns.history(this.orm.em.fork(), job.name, now);
      overviews.push({ name: job.name, schedule: describeSchedule(job), ...history, nextRunAt: nextRun(job, history.lastRun, now) });
    }
    return overviews;
  }

  /** The last runs of one job, newest first; null for a name no job has. */
  async runs(name: string, limit = 20): Promise<JobRun[] | null> {
    if (!this.registry.find(name)) return null;
    return jobRuns.recent(this.orm.em.fork(), name, limit);
  }
}

function nextRun(job: ScheduledJob, lastRun: JobRun | null, now: Date): Date | null {
  if ('cron' in job.schedule) return new CronTime(job.schedule.cron, 'UTC').sendAt().toJSDate();
  if (!lastRun) return null;
  const due = lastRun.createdAt.getTime() + job.schedule.everyMs;
  return new Date(Math.max(due, now.getTime()));
}
