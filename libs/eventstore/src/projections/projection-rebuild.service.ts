import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { DATABASE_LOCATION, DatabaseLocation } from '@tally/platform';
import { EVENT_STORE, EventStore } from '../event-store.port';
import { AdvisoryLocks } from './advisory-locks';
import { ProjectionBatchApplier } from './batch-applier';
import { ProjectionRebuilder, RebuildOptions, RebuildResult } from './projection-rebuilder';
import { ProjectionRegistry } from './projection-registry';
import { PROJECTIONS_CONFIG, ProjectionsConfig } from './projections.config';

/** Rebuild a projection by name (CLI, admin tools) while its live tables keep serving. */
@Injectable()
export class ProjectionRebuildService implements OnApplicationShutdown {
  private readonly locks: AdvisoryLocks;
  private readonly rebuilder: ProjectionRebuilder;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    orm: MikroORM,
    @Inject(DATABASE_LOCATION) location: DatabaseLocation,
    @Inject(PROJECTIONS_CONFIG) config: ProjectionsConfig,
    private readonly registry: ProjectionRegistry,
  ) {
    this.locks = new AdvisoryLocks(location.url, 'tally-projection-rebuild');
    this.rebuilder = new ProjectionRebuilder(store, orm, this.locks, new ProjectionBatchApplier(orm, config), config);
  }

  rebuild(name: string, options?: RebuildOptions): Promise<RebuildResult> {
    return this.rebuilder.rebuild(this.registry.get(name), options);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.locks.close();
  }
}
