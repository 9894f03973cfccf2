import { DynamicModule, Inject, Injectable, Module, OnApplicationBootstrap, OnModuleDestroy, Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { MikroORM } from '@mikro-orm/postgresql';
import { DATABASE_LOCATION, DatabaseLocation, ENV, Env } from '@tally/platform';
import { BackpressureGate } from '../backpressure/backpressure-gate';
import { BACKPRESSURE_CONFIG, loadBackpressureConfig } from '../backpressure/backpressure.config';
import { LoadSheddingGuard } from '../backpressure/sheds-load.decorator';
import { EVENT_STORE, EventStore } from '../event-store.port';
import { AdvisoryLocks } from './advisory-locks';
import { ProjectionBatchApplier } from './batch-applier';
import { DeadLetterService } from './dead-letter.service';
import { LogQueueView } from './log-queue.view';
import { ParkedEventRetrier } from './parked-event-retrier';
import { ReadPositionInterceptor } from '../read-your-writes/read-position.interceptor';
import { ReadPositionWaiter } from '../read-your-writes/read-position-waiter';
import { UnappliedEvents } from '../read-your-writes/unapplied-events';
import { ProjectionProgress } from './projection-progress';
import { ProjectionRebuildService } from './projection-rebuild.service';
import { ProjectionRebuilder } from './projection-rebuilder';
import { ProjectionRegistry } from './projection-registry';
import { ProjectionRunner } from './projection-runner';
import { ProjectionStatusService } from './projection-status.service';
import { loadProjectionsConfig, PROJECTIONS_CONFIG, ProjectionsConfig } from './projections.config';

export interface ProjectionsModuleOptions {
  /** Run the projections in this process (ROLE=worker or all); false only reports on them (ROLE=api, CLI). */
  run: boolean;
}

/** Starts the runner once the whole application is up (migrations done) and stops it first on shutdown. */
@Injectable()
class ProjectionRunnerLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    @Inject(ProjectionRunner) private readonly runner: ProjectionRunner,
    private readonly registry: ProjectionRegistry,
  ) {}

  onApplicationBootstrap(): void {
    this.runner.start(this.registry.all());
  }

  // The first shutdown hook: batches finish and locks go before the event store and pools close.
  async onModuleDestroy(): Promise<void> {
    await this.runner.stop();
  }
}

/**
 * Projections of every context (providers marked `@RegisteredProjection()`), their status, dead
 * letters and rebuilds. Needs the EVENT_STORE, MikroORM and DATABASE_LOCATION providers of the
 * application (EventStoreModule, DatabaseModule).
 */
@Module({})
export class ProjectionsModule {
  static forRoot(options: ProjectionsModuleOptions): DynamicModule {
    const runner: Provider[] = options.run
      ? [
          {
            provide: ProjectionRunner,
            inject: [EVENT_STORE, MikroORM, DATABASE_LOCATION, PROJECTIONS_CONFIG, ProjectionProgress],
            useFactory: (store: EventStore, orm: MikroORM, location: DatabaseLocation, config: ProjectionsConfig, progress: ProjectionProgress) => {
              const locks = new AdvisoryLocks(location.url, 'tally-projections');
              const applier = new ProjectionBatchApplier(orm, config);
              const rebuilder = new ProjectionRebuilder(store, orm, locks, applier, config);
              return new ProjectionRunner(store, orm, locks, applier, rebuilder, new ParkedEventRetrier(store, orm, config), config, progress);
            },
          },
          ProjectionRunnerLifecycle,
        ]
      : [];
    return {
      module: ProjectionsModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [
        { provide: PROJECTIONS_CONFIG, inject: [ENV], useFactory: (env: Env) => loadProjectionsConfig(env) },
        ProjectionRegistry,
        ProjectionStatusService,
        DeadLetterService,
        LogQueueView,
        ProjectionRebuildService,
        ProjectionProgress,
        ReadPositionWaiter,
        ReadPositionInterceptor,
        UnappliedEvents,
        { provide: BACKPRESSURE_CONFIG, inject: [ENV], useFactory: (env: Env) => loadBackpressureConfig(env) },
        BackpressureGate,
        LoadSheddingGuard,
        ...runner,
      ],
      exports: [
        PROJECTIONS_CONFIG,
        ProjectionRegistry,
        ProjectionStatusService,
        DeadLetterService,
        LogQueueView,
        ProjectionRebuildService,
        ProjectionProgress,
        ReadPositionWaiter,
        ReadPositionInterceptor,
        UnappliedEvents,
        BackpressureGate,
        LoadSheddingGuard,
        ...(options.run ? [ProjectionRunner] : []),
      ],
    };
  }
}
