import { Logger } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { EventStore, GlobalPosition, RecordedEvent } from '../event-store.port';
import { AdvisoryLocks } from './advisory-locks';
import { ProjectionBatchApplier } from './batch-applier';
import { assertAt, Checkpoint, checkpoints } from './checkpoints';
import { deadLetters } from './dead-letters';
import { createDeferredIndexes, dropDeferrableIndexes, indexShape } from './deferred-indexes';
import { Projection } from './projection';
import { ProjectionsConfig } from './projections.config';
import { canReadAhead, readAheadFrom, readBatch } from './read-batch';
import { archiveSchemaName, assertTableNames, createShadowSql, quoteIdent, rebuildConsumer, shadowSchemaName, swapSql } from './shadow-schema';

/** The estimate of a rebuild's size reads at most this many events past the live checkpoint. */
const ESTIMATE_PAGES = 20;
const ESTIMATE_PAGE_SIZE = 1000;

export interface RebuildProgress {
  phase: 'preparing' | 'replaying' | 'swapping' | 'done';
  /** Events handled by this rebuild so far, including those handled before a resumed crash. */
  processed: number;
  /** Estimate: what the live projection has handled plus its lag; grows if exceeded. */
  total: number;
  position: GlobalPosition | null;
}

export interface RebuildResult {
  projection: string;
  processed: number;
  /** Events parked during the rebuild (now the projection's dead letters). */
  parked: number;
  position: GlobalPosition | null;
  resumed: boolean;
}

export interface RebuildOptions {
  onProgress?: (progress: RebuildProgress) => void;
  signal?: AbortSignal;
  /** Start over even if an earlier rebuild left a checkpoint. */
  fresh?: boolean;
}

/** Someone else is already rebuilding this projection. */
export class RebuildBusyError extends Error {
  constructor(readonly projection: string) {
    super(`Projection ${projection} is already being rebuilt by another process`);
    this.name = 'RebuildBusyError';
  }
}

/**
 * Rebuilds a projection from position zero into a shadow schema while the live tables keep
 * serving reads (and keep being updated by the live runner), then swaps the tables and the
 * checkpoint in one transaction. A crashed rebuild resumes from its own checkpoint
 * (`<name>#rebuild`).
 */
export class ProjectionRebuilder {
  private readonly logger = new Logger('ProjectionRebuild');

  constructor(
    private readonly store: EventStore,
    private readonly orm: MikroORM,
    private readonly locks: AdvisoryLocks,
    private readonly applier: ProjectionBatchApplier,
    private readonly config: Pick<ProjectionsConfig, 'rebuildBatchSize'>,
  ) {}

  async rebuild(projection: Projection, options: RebuildOptions = {}): Promise<RebuildResult> {
    // Replaying a reactor from zero would send its commands and provider calls again.
    if (projection.delivery === 'effects-first') throw new Error(`${projection.name} is a reactor: it has no tables to rebuild`);
    assertTableNames(projection.name, projection.tables);
    const lockKey = `projection-rebuild:${projection.name}`;
    if (!(await this.locks.tryLock(lockKey))) throw new RebuildBusyError(projection.name);
    try {
      return await this.rebuildLocked(projection, options);
    } finally {
      await this.locks.unlock(lockKey);
    }
  }

  private async rebuildLocked(projection: Projection, options: RebuildOptions): Promise<RebuildResult> {
    const consumer = rebuildConsumer(projection.name);
    const shadow = shadowSchemaName(projection.name);
    const report = (progress: RebuildProgress) => options.onProgress?.(progress);

    const prepared = await this.prepare(projection, consumer, shadow, options.fresh ?? false);
    let checkpoint = prepared.checkpoint;
    let total = Math.max(await this.estimateTotal(projection), checkpoint.eventsProcessed);
    report({ phase: 'preparing', processed: checkpoint.eventsProcessed, total, position: checkpoint.position });

    const target = { projection, consumer, shadowSchema: shadow };
    const batchSize = this.config.rebuildBatchSize;
    const readAhead = await canReadAhead(this.orm);
    let ahead: { from: GlobalPosition; events: Promise<RecordedEvent[]> } | null = null;
    for (;;) {
      if (options.signal?.aborted) throw new Error(`Rebuild of ${projection.name} aborted at ${checkpoint.position ?? 'start'}; run it again to resume`);
      const reading: Promise<RecordedEvent[]> = ahead && ahead.from === checkpoint.position ? ahead.events : readBatch(this.store, projection, checkpoint.position, batchSize);
      const events = await reading;
      const full = events.length === batchSize;
      // The next batch is read (store pool) while this one is applied (ORM transaction).
      ahead = full && readAhead ? readAheadFrom(this.store, projection, events, batchSize) : null;
      if (events.length > 0) checkpoint = await this.applier.handle(target, checkpoint, events, options.signal);
      total = Math.max(total, checkpoint.eventsProcessed);
      report({ phase: 'replaying', processed: checkpoint.eventsProcessed, total, position: checkpoint.position });
      if (!full) break;
    }
    // Secondary indexes were left out of the shadow tables while they filled (one sorted build
    // beats a million random inserts); built here, outside the swap's locks.
    await createDeferredIndexes(this.orm.em.fork(), shadow, projection.tables);

    report({ phase: 'swapping', processed: checkpoint.eventsProcessed, total, position: checkpoint.position });
    const parked = await this.swap(projection, checkpoint, shadow);
    report({ phase: 'done', processed: checkpoint.eventsProcessed, total: checkpoint.eventsProcessed, position: checkpoint.position });
    this.logger.log(`${projection.name}: rebuilt from ${checkpoint.eventsProcessed} events and swapped in (previous tables kept in ${archiveSchemaName(projection.name)})`);
    return { projection: projection.name, processed: checkpoint.eventsProcessed, parked, position: checkpoint.position, resumed: prepared.resumed };
  }

  /** Resumes a crashed rebuild whose shadow tables are intact, else starts one from zero. */
  private async prepare(projection: Projection, consumer: string, shadow: string, fresh: boolean): Promise<{ checkpoint: Checkpoint; resumed: boolean }> {
    return this.orm.em.fork().transactional(async (em) => {
      const existing = await checkpoints.load(em, consumer, projection.version);
      if (!fresh && existing && (await shadowTablesExist(em, shadow, projection.tables))) return { checkpoint: existing, resumed: true };
      for (const sql of createShadowSql(shadow, projection.tables)) await em.execute(sql);
      await dropDeferrableIndexes(em, shadow, projection.tables);
      await checkpoints.remove(em, consumer);
      await deadLetters.discard(em, consumer);
      return { checkpoint: await checkpoints.ensure(em, consumer, projection.version), resumed: false };
    });
  }

  /**
   * The live projection's count plus its lag, the lag counted up to ESTIMATE_PAGES pages: past
   * that the total is a lower bound that grows as the replay goes (counting a log of millions
   * would read it all once more before the replay even starts).
   */
  private async estimateTotal(projection: Projection): Promise<number> {
    const live = await checkpoints.load(this.orm.em.fork(), projection.name, projection.version);
    let counted = 0;
    let from: GlobalPosition = live?.position ?? 'start';
    for (let page = 0; page < ESTIMATE_PAGES; page++) {
      const events = await this.store.readAll({ from, filter: projection.filter, maxCount: ESTIMATE_PAGE_SIZE });
      counted += events.length;
      if (events.length < ESTIMATE_PAGE_SIZE) break;
      from = events[events.length - 1].position;
    }
    return (live?.eventsProcessed ?? 0) + counted;
  }

  /**
   * One transaction: lock the live checkpoint (the live runner takes the same row lock first in
   * each batch, so the two serialise without deadlock), move live tables to the archive schema
   * and shadow tables to public, and hand the rebuild's checkpoint and dead letters to the live
   * key. The live runner then finds its checkpoint moved, reloads it and carries on from the
   * rebuild's position against the new tables.
   */
  private async swap(projection: Projection, rebuilt: Checkpoint, shadow: string): Promise<number> {
    const archive = archiveSchemaName(projection.name);
    return this.orm.em.fork().transactional(async (em) => {
      await em.execute(`insert into public.es_checkpoints (consumer, version, position) values (?, ?, null) on conflict do nothing`, [projection.name, projection.version]);
      await checkpoints.lock(em, projection.name, projection.version);
      assertAt(await checkpoints.lock(em, rebuilt.consumer, projection.version), rebuilt);

      const serials = await serialSequences(em, projection.tables);
      for (const serial of serials) await em.execute(`alter sequence ${serial.sequence} owned by none`);
      const indexNames = await matchIndexNames(em, shadow, projection.tables);
      for (const sql of swapSql(shadow, archive, projection.tables)) await em.execute(sql);
      for (const serial of serials) await em.execute(`alter sequence ${serial.sequence} owned by public.${quoteIdent(serial.table)}.${quoteIdent(serial.column)}`);
      await renameIndexes(em, indexNames);

      await em.execute(
        `update public.es_checkpoints set position = ?, position_time = ?::timestamptz, events_processed = ?, updated_at = now() where consumer = ? and version = ?`,
        [rebuilt.position, rebuilt.positionTime?.toISOString() ?? null, rebuilt.eventsProcessed, projection.name, projection.version],
      );
      await em.execute(`delete from public.es_checkpoints where consumer = ? and version <> ?`, [projection.name, projection.version]);
      await checkpoints.remove(em, rebuilt.consumer);
      const parked = (await deadLetters.list(em, { consumer: rebuilt.consumer })).length;
      await deadLetters.handOver(em, rebuilt.consumer, projection.name, projection.version);
      return parked;
    });
  }
}

async function shadowTablesExist(em: EntityManager, shadow: string, tables: readonly string[]): Promise<boolean> {
  const rows = await em.execute<{ found: string }[]>(
    `select count(*) as found from pg_tables where schemaname = ? and tablename in (${tables.map(() => '?').join(', ')})`,
    [shadow, ...tables],
  );
  return Number(rows[0]?.found ?? 0) === tables.length;
}

/**
 * Serial columns of the live tables. Their sequences are owned by the live table, so they would
 * follow it into the archive (and die with it) although the new tables' defaults still use them.
 */
async function serialSequences(em: EntityManager, tables: readonly string[]): Promise<{ table: string; column: string; sequence: string }[]> {
  const found: { table: string; column: string; sequence: string }[] = [];
  for (const table of tables) {
    const rows = await em.execute<{ column: string; sequence: string | null }[]>(
      `select a.attname as column, pg_get_serial_sequence(?, a.attname) as sequence
         from pg_attribute a
        where a.attrelid = ?::regclass and a.attnum > 0 and not a.attisdropped and a.attidentity = ''`,
      [`public.${quoteIdent(table)}`, `public.${quoteIdent(table)}`],
    );
    for (const row of rows) if (row.sequence) found.push({ table, column: row.column, sequence: row.sequence });
  }
  return found;
}

/** New index name → the live index's name, matched by definition, so migrations still find them by name. */
async function matchIndexNames(em: EntityManager, shadow: string, tables: readonly string[]): Promise<Map<string, string>> {
  const renames = new Map<string, string>();
  for (const table of tables) {
    const rows = await em.execute<{ schemaname: string; indexname: string; indexdef: string }[]>(
      `select schemaname, indexname, indexdef from pg_indexes where tablename = ? and schemaname in ('public', ?)`,
      [table, shadow],
    );
    const live = rows.filter((row) => row.schemaname === 'public');
    const copies = rows.filter((row) => row.schemaname === shadow);
    for (const copy of copies) {
      const index = live.findIndex((row) => indexShape(row.indexdef) === indexShape(copy.indexdef));
      if (index === -1) continue;
      const [original] = live.splice(index, 1);
      if (original.indexname !== copy.indexname) renames.set(copy.indexname, original.indexname);
    }
  }
  return renames;
}

async function renameIndexes(em: EntityManager, renames: Map<string, string>): Promise<void> {
  // Two steps so a new name never collides with another index's not-yet-renamed name.
  let n = 0;
  const temporary = new Map<string, string>();
  for (const [from, to] of renames) {
    const temp = `tally_swap_${n++}`;
    await em.execute(`alter index public.${quoteIdent(from)} rename to ${quoteIdent(temp)}`);
    temporary.set(temp, to);
  }
  for (const [temp, to] of temporary) await em.execute(`alter index public.${quoteIdent(temp)} rename to ${quoteIdent(to)}`);
}
