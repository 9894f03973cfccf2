import { DynamicModule, Inject, Injectable, Module, OnApplicationBootstrap, OnModuleDestroy, Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ScheduleModule, SchedulerRegistry } from '@nestjs/schedule';
import { MikroORM } from '@mikro-orm/postgresql';
import { AdvisoryLocks } from '@tally/eventstore';
import { Clock, CLOCK, DATABASE_LOCATION, DatabaseLocation } from '@tally/platform';
import { DeadLetterSweepJob } from './housekeeping/dead-letter-sweep.job';
import { JobsHttpController } from './http/jobs.http.controller';
import { JobRegistry } from './job-registry';
import { JobScheduler } from './job-scheduler';
import { JobStatusService } from './job-status.service';

export interface JobsModuleOptions {
  /** Run the jobs in this process (the worker role); false only reports on them (API, CLI). */
  run: boolean;
}

/** Starts the timers once the application is up (migrations done) and stops them first on shutdown. */
@Injectable()
class JobSchedulerLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    @Inject(JobScheduler) private readonly scheduler: JobScheduler,
    private readonly registry: JobRegistry,
  ) {}

  onApplicationBootstrap(): void {
    this.scheduler.start(this.registry.all());
  }

  async onModuleDestroy(): Promise<void> {
    await this.scheduler.stop();
  }
}

/**
 * Scheduled jobs of every context (providers marked `@RegisteredJob()`): their scheduler where
 * the worker role runs, their status everywhere. Needs MikroORM, CLOCK and DATABASE_LOCATION.
 */
@Module({})
export class JobsModule {
  static forRoot(options: JobsModuleOptions): DynamicModule {
    const scheduler: Provider[] = options.run
      ? [
          {
            provide: JobScheduler,
            inject: [MikroORM, DATABASE_LOCATION, SchedulerRegistry, CLOCK],
            useFactory: (orm: MikroORM, location: DatabaseLocation, timers: SchedulerRegistry, clock: Clock) => new JobScheduler(orm, new AdvisoryLocks(location.url, 'tally-jobs'), timers, clock),
          },
          JobSchedulerLifecycle,
        ]
      : [];
    return {
      module: JobsModule,
      global: true,
      imports: [DiscoveryModule, ...(options.run ? [ScheduleModule.forRoot()] : [])],
      controllers: [JobsHttpController],
      providers: [JobRegistry, JobStatusService, DeadLetterSweepJob, ...scheduler],
      exports: [JobRegistry, JobStatusService, DeadLetterSweepJob, ...(options.run ? [JobScheduler] : [])],
    };
  }
}
