import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { EVENT_STORE, EventFilter, EventStore, RecordedEvent } from '../event-store.port';
import { checkpoints } from '../projections/checkpoints';
import { ProjectionRegistry } from '../projections/projection-registry';

/**
 * The events a projection has not applied yet (after its checkpoint), narrowed by a filter: what
 * a read with no position adds to a read model's answer when the caller's own writes have no
 * stream of their own to read (a voter's payments are one stream each). Read forwards from the
 * checkpoint, so the cost follows the projection's lag, not the log's length; `maxCount` bounds it
 * while a projection is far behind (the oldest unapplied events come first).
 */
@Injectable()
export class UnappliedEvents {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly orm: MikroORM,
    private readonly registry: ProjectionRegistry,
  ) {}

  /** `filter` must select only events the projection takes (e.g. its category narrowed to one tenant). */
  async read(projection: string, filter: EventFilter, maxCount: number): Promise<RecordedEvent[]> {
    const { version } = this.registry.get(projection);
    const checkpoint = await checkpoints.load(this.orm.em.fork(), projection, version);
    // Every committed event, also one behind a transaction still open elsewhere: a reader of its own
    // write must not miss it because an unrelated transaction has not ended yet.
    return this.store.readAll({ from: checkpoint?.position ?? 'start', filter, maxCount, consistency: 'committed' });
  }
}
