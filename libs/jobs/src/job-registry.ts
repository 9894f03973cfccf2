import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { CronTime } from 'cron';
import { REGISTERED_JOB } from './registered-job.decorator';
import { ScheduledJob } from './scheduled-job';

/** Every provider marked `@RegisteredJob()`, found once the module graph is built. */
@Injectable()
export class JobRegistry implements OnModuleInit {
  private readonly byName = new Map<string, ScheduledJob>();

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    this.byName.clear();
    for (const wrapper of this.discovery.getProviders()) {
      const metatype = wrapper.metatype;
      const instance: unknown = wrapper.instance;
      if (!metatype || typeof metatype !== 'function' || !instance) continue;
      if (Reflect.getMetadata(REGISTERED_JOB, metatype)) this.register(instance as ScheduledJob, metatype.name);
    }
  }

  register(job: ScheduledJob, source = job.constructor.name): void {
    assertJob(job, source);
    const existing = this.byName.get(job.name);
    if (existing && existing !== job) throw new Error(`Two scheduled jobs are named "${job.name}" (${existing.constructor.name} and ${source})`);
    this.byName.set(job.name, job);
  }

  all(): ScheduledJob[] {
    return [...this.byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  find(name: string): ScheduledJob | undefined {
    return this.byName.get(name);
  }
}

/** A bad schedule stops the start with the job's name, not at its first tick. */
function assertJob(job: ScheduledJob, source: string): void {
  const problems: string[] = [];
  if (typeof job.name !== 'string' || !/^[a-z][a-z0-9_.-]*$/.test(job.name)) problems.push('name must be a lower-case identifier');
  if (typeof job.run !== 'function') problems.push('run() is missing');
  const schedule = job.schedule;
  if ('everyMs' in schedule) {
    if (!Number.isInteger(schedule.everyMs) || schedule.everyMs < 1) problems.push('everyMs must be a positive integer');
  } else {
    try {
      new CronTime(schedule.cron, 'UTC');
    } catch (error) {
      problems.push(`cron "${schedule.cron}" is not valid (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  if (problems.length) throw new Error(`@RegisteredJob ${source}: ${problems.join('; ')}`);
}
