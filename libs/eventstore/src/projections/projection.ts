import { EntityManager } from '@mikro-orm/postgresql';
import { EventFilter, RecordedEvent } from '../event-store.port';

// The set-based write helper travels with the contract (index.ts re-exports this file).
export { arrayLiteral, inlineArray, sqlLiteral, unnestRows, type UnnestColumns, type UnnestRows, type UnnestType, type UnnestValue } from './unnest-rows';
export { jsonRows, type JsonRowValue } from './json-rows';

/**
 * What a projection gets for one batch: the EntityManager of the transaction that will also
 * move its checkpoint, so a batch's rows and its checkpoint commit or roll back together.
 * Use `em` (and `em.execute(sql, params)` for set-based SQL; NOT `em.getConnection().execute`, which
 * takes another pooled connection outside the transaction) — never another
 * connection, which would deadlock on PGlite.
 */
export interface ProjectionContext {
  em: EntityManager;
  /**
   * True while the batch goes into a rebuild's shadow tables. Side effects outside PostgreSQL
   * (Redis) are skipped then: the live projection keeps them current.
   */
  rebuilding: boolean;
}

/**
 * A read model built from the global log. Projections are idempotent per batch thanks to the
 * atomic checkpoint; they must still be deterministic (same events → same rows) so a rebuild
 * equals the live tables. An event `apply` throws on is parked and applied again later, alone
 * and after the events that followed it (docs/projections.md, "Out of order").
 */
export interface Projection {
  /** Stable name; the checkpoint key. */
  readonly name: string;
  /** Bump to rebuild from zero into fresh tables while the previous version keeps serving. */
  readonly version: number;
  /** Only these events are read; everything else is skipped in SQL, not in JS. */
  readonly filter: EventFilter;
  /** The read-model tables it owns (rebuilt and swapped together). */
  readonly tables: readonly string[];
  /**
   * 'transaction' (default): `apply` runs inside the batch transaction that moves the
   * checkpoint (read models: exactly once). 'effects-first': `apply` gets one event at a time,
   * outside any transaction, then the checkpoint moves past it in a short one (reactors: side
   * effects and commands on other connections, at least once, so they must be idempotent).
   * See libs/eventstore/src/reactors.
   */
  readonly delivery?: 'transaction' | 'effects-first';
  /** 'effects-first' only: `apply` gets the whole batch (a BatchReactor), not one event at a time. */
  readonly effectsBatched?: boolean;
  /** Events read per batch, when not PROJECTIONS_BATCH_SIZE. */
  readonly batchSize?: number;
  /**
   * Top-level data fields `apply` never reads, left out of its reads (ReadAllOptions.omitData):
   * e.g. a vote's screening record, which only fraud's projections use (`WITHOUT_SCREENING`).
   */
  readonly omitData?: readonly string[];
  apply(events: readonly RecordedEvent[], context: ProjectionContext): Promise<void>;
}
