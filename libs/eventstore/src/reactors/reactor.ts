import { EventFilter, RecordedEvent } from '../event-store.port';
import { Projection } from '../projections/projection';

/**
 * Work that follows the global log: side effects, commands, provider calls. It runs on the
 * projection runner (checkpoint in es_checkpoints, batched filtered reads, one active instance
 * per name across processes, infrastructure retries, parking and background retries of what
 * keeps failing), but its effects run before the checkpoint moves, outside any transaction:
 * delivery is at least once, so `react` must be idempotent (derive ids from the event).
 */
export interface Reactor {
  /** Stable name: the checkpoint key, shown by projections:list and /health/ready. */
  readonly name: string;
  /** Only these events are read; everything else is skipped in SQL. */
  readonly filter: EventFilter;
  /** Events read per batch (default 50); effects and checkpoint still go one event at a time. */
  readonly batchSize?: number;
  /** Top-level data fields `react` never reads, left out of its reads (Projection.omitData). */
  readonly omitData?: readonly string[];
  /** Throws to have the event retried, then parked (never silently dropped). */
  react(event: RecordedEvent): Promise<void>;
}

/**
 * A reactor whose effect takes a whole batch at once (an export to a stream or a batch API): the
 * checkpoint moves past the batch once `reactBatch` resolved. A failing batch is retried, then
 * split in halves down to the event at fault, which is parked; the halves already done are not
 * repeated. A crash repeats at most the batch in hand, so the effect must be idempotent per event.
 */
export interface BatchReactor extends Reactor {
  reactBatch(events: readonly RecordedEvent[]): Promise<void>;
}

function isBatchReactor(reactor: Reactor): reactor is BatchReactor {
  return typeof (reactor as Partial<BatchReactor>).reactBatch === 'function';
}

const DEFAULT_BATCH_SIZE = 50;

/** The reactor as the runner sees it: a projection without tables whose effects come first. */
export function reactorAsProjection(reactor: Reactor): Projection {
  return {
    name: reactor.name,
    // Never bumped: a new version would mean a rebuild, and a reactor's effects are not replayable.
    version: 1,
    filter: reactor.filter,
    tables: [],
    delivery: 'effects-first',
    effectsBatched: isBatchReactor(reactor),
    batchSize: reactor.batchSize ?? DEFAULT_BATCH_SIZE,
    omitData: reactor.omitData,
    async apply(events) {
      if (isBatchReactor(reactor)) return reactor.reactBatch(events);
      // The applier hands a reactor one event at a time (see ProjectionBatchApplier.handle).
      for (const event of events) await reactor.react(event);
    },
  };
}
