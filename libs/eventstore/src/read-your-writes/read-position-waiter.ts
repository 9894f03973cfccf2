import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { EVENT_STORE, EventStore, GlobalPosition } from '../event-store.port';
import { checkpoints } from '../projections/checkpoints';
import { ProjectionProgress } from '../projections/projection-progress';
import { ProjectionRegistry } from '../projections/projection-registry';
import { PROJECTIONS_CONFIG, ProjectionsConfig } from '../projections/projections.config';

/**
 * Waits, bounded, until read models have applied a log position (read-your-writes). Projections
 * this process runs report each batch (ProjectionProgress) and wake the waiter at once; the
 * others are checked on their checkpoints every `readPollMs`.
 */
@Injectable()
export class ReadPositionWaiter {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly orm: MikroORM,
    private readonly registry: ProjectionRegistry,
    private readonly progress: ProjectionProgress,
    @Inject(PROJECTIONS_CONFIG) private readonly config: ProjectionsConfig,
  ) {}

  /** True once every named projection has applied `position`; false if `timeoutMs` ran out first. */
  async waitFor(projections: readonly string[], position: GlobalPosition, timeoutMs = this.config.readWaitMs): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    let behind = projections.filter((name) => !this.appliedHere(name, position));
    let nextCheck = 0;
    while (behind.length > 0) {
      const now = Date.now();
      // The database at most every readPollMs: in-process batches wake the loop far more often under load.
      if (now >= nextCheck) {
        behind = await this.notAppliedInDatabase(behind, position);
        if (behind.length === 0) return true;
        nextCheck = Date.now() + this.config.readPollMs;
      }
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await this.progress.nextAdvance(Math.max(1, Math.min(left, nextCheck - Date.now())));
      behind = behind.filter((name) => !this.appliedHere(name, position));
    }
    return true;
  }

  private appliedHere(projection: string, position: GlobalPosition): boolean {
    const applied = this.progress.appliedThrough(projection);
    return applied !== undefined && applied >= position;
  }

  /**
   * The projections whose checkpoint has not reached `position`, except those with no event
   * left to apply up to it: a checkpoint stops at the last event the projection's filter took
   * (the runner writes its skip past the others only every few seconds), so a checkpoint short
   * of the position with nothing of its own in between counts as applied. The head check
   * makes that safe: once the head visible to readers is at or past the position, every
   * transaction before it has ended, so no event of its own can still appear in between.
   */
  private async notAppliedInDatabase(projections: readonly string[], position: GlobalPosition): Promise<string[]> {
    const rows = await checkpoints.list(this.orm.em.fork());
    const short = projections.flatMap((name) => {
      const projection = this.registry.get(name);
      const row = rows.find((candidate) => candidate.consumer === name && candidate.version === projection.version);
      const at = row?.position ?? null;
      return at !== null && at >= position ? [] : [{ name, at, filter: projection.filter }];
    });
    if (short.length === 0) return [];
    const head = await this.store.headPosition();
    if (head === null || head < position) return short.map((entry) => entry.name);
    const behind: string[] = [];
    for (const entry of short) {
      const [next] = await this.store.readAll({ from: entry.at ?? 'start', filter: entry.filter, maxCount: 1 });
      if (next && next.position <= position) behind.push(entry.name);
    }
    return behind;
  }
}
