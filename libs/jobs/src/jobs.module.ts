import { DynamicModule, Inject, Injectable, Module, OnApplicationBootstrap, OnModuleDestroy, Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ScheduleModule, SchedulerRegistry } from '@nestjs/schedule';
import { MikroORM } from '@mikro-orm/postgresql';
import { AdvisoryLocks } from '@tally/eventstore';
import { Clock, CLOCK, DATABASE_LOCATION, DatabaseLocation, ENV, Env, ErrorTracker, TallyMetrics } from '@tally/platform';
import { DeadLetterSweepJob } from './housekeeping/dead-letter-sweep.job';
import { JobsHttpController } from './http/jobs.http.controller';
import { JobRegistry } from './job-registry';
import { JobScheduler } from './job-scheduler';
import { JobStatusService } from './job-status.service';
import { TasksHttpController } from './tasks/http/tasks.http.controller';
import { TaskBacklogSignal } from './tasks/task-backlog.signal';
import { TaskExecutor } from './tasks/task-executor';
import { TaskQueue } from './tasks/task-queue';
import { TaskRegistry } from './tasks/task-registry';
import { TaskStatusService } from './tasks/task-status.service';
import { TaskWorker } from './tasks/task-worker';
import { loadTasksConfig, TASKS_CONFIG, TasksConfig } from './tasks/tasks.config';

export interface JobsModuleOptions {
  /** Run the jobs in this process (the worker role); false only reports on them (API, CLI). */
  run: boolean;
}

/** Starts the timers and the task worker once the application is up (migrations done) and stops them first on shutdown. */
@Injectable()
class JobSchedulerLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    @Inject(JobScheduler) private readonly scheduler: JobScheduler,
    @Inject(TaskWorker) private readonly tasks: TaskWorker,
    private readonly registry: JobRegistry,
  ) {}

  onApplicationBootstrap(): void {
    this.scheduler.start(this.registry.all());
    this.tasks.start();
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.scheduler.stop(), this.tasks.stop()]);
  }
}

/**
 * Scheduled jobs of every context (providers marked `@RegisteredJob()`) and async tasks
 * (handlers marked `@RegisteredTask(type)`): the scheduler and the task worker where the worker
 * role runs; the task queue, backpressure on its backlog and the status of both everywhere.
 * Needs MikroORM, ENV, CLOCK, DATABASE_LOCATION and the projections module (BackpressureGate).
 */
@Module({})
export class JobsModule {
  static forRoot(options: JobsModuleOptions): DynamicModule {
    const scheduler: Provider[] = options.run
      ? [
          {
            provide: JobScheduler,
            inject: [MikroORM, DATABASE_LOCATION, SchedulerRegistry, CLOCK, { token: TallyMetrics, optional: true }, { token: ErrorTracker, optional: true }],
            useFactory: (orm: MikroORM, location: DatabaseLocation, timers: SchedulerRegistry, clock: Clock, metrics?: TallyMetrics, errors?: ErrorTracker) =>
              new JobScheduler(orm, new AdvisoryLocks(location.url, 'tally-jobs'), timers, clock, metrics, errors),
          },
          {
            provide: TaskWorker,
            inject: [TaskExecutor, TaskQueue, TASKS_CONFIG],
            useFactory: (executor: TaskExecutor, queue: TaskQueue, config: TasksConfig) => new TaskWorker(executor, queue, config),
          },
          JobSchedulerLifecycle,
        ]
      : [];
    return {
      module: JobsModule,
      global: true,
      imports: [DiscoveryModule, ...(options.run ? [ScheduleModule.forRoot()] : [])],
      controllers: [JobsHttpController, TasksHttpController],
      providers: [
        { provide: TASKS_CONFIG, inject: [ENV], useFactory: (env: Env) => loadTasksConfig(env) },
        JobRegistry,
        JobStatusService,
        DeadLetterSweepJob,
        TaskRegistry,
        TaskQueue,
        TaskExecutor,
        TaskStatusService,
        TaskBacklogSignal,
        ...scheduler,
      ],
      exports: [JobRegistry, JobStatusService, DeadLetterSweepJob, TaskQueue, TaskExecutor, TaskStatusService, ...(options.run ? [JobScheduler, TaskWorker] : [])],
    };
  }
}
