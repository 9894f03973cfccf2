import { EntityManager } from '@mikro-orm/postgresql';
import { GlobalPosition } from '../event-store.port';

/** Where a consumer stands in the global log. `position` null means "before the first event". */
export interface Checkpoint {
  consumer: string;
  version: number;
  position: GlobalPosition | null;
  /** created_at of the last event handled, for seconds-behind. */
  positionTime: Date | null;
  eventsProcessed: number;
  updatedAt: Date;
}

/** Another writer (a rebuild's swap, a second instance) moved the checkpoint under us. */
export class CheckpointMovedError extends Error {
  constructor(
    readonly consumer: string,
    readonly expected: GlobalPosition | null,
    readonly actual: GlobalPosition | null | undefined,
  ) {
    super(`Checkpoint of ${consumer} moved: expected ${expected ?? 'start'}, found ${actual === undefined ? 'no row' : (actual ?? 'start')}`);
    this.name = 'CheckpointMovedError';
  }
}

interface CheckpointRow {
  consumer: string;
  version: number;
  position: string | null;
  position_time: Date | string | null;
  events_processed: string | number;
  updated_at: Date | string;
}

const COLUMNS = 'consumer, version, position, position_time, events_processed, updated_at';

/**
 * SQL over es_checkpoints, always through the caller's EntityManager so it joins the caller's
 * transaction (`em.execute`, never `em.getConnection().execute`, which takes another pooled
 * connection — a deadlock on PGlite). Tables are qualified with `public.` because a rebuild runs
 * its batches with the shadow schema first on the search_path.
 */
export const checkpoints = {
  async load(em: EntityManager, consumer: string, version: number): Promise<Checkpoint | null> {
    const rows = await em.execute<CheckpointRow[]>(`select ${COLUMNS} from public.es_checkpoints where consumer = ? and version = ?`, [consumer, version]);
    return rows[0] ? toCheckpoint(rows[0]) : null;
  },

  /** Locks the row for the rest of the transaction: batches, swaps and replays serialise on it. */
  async lock(em: EntityManager, consumer: string, version: number): Promise<Checkpoint | null> {
    const rows = await em.execute<CheckpointRow[]>(`select ${COLUMNS} from public.es_checkpoints where consumer = ? and version = ? for update`, [consumer, version]);
    return rows[0] ? toCheckpoint(rows[0]) : null;
  },

  async ensure(em: EntityManager, consumer: string, version: number): Promise<Checkpoint> {
    await em.execute(`insert into public.es_checkpoints (consumer, version, position) values (?, ?, null) on conflict do nothing`, [consumer, version]);
    const row = await checkpoints.load(em, consumer, version);
    if (!row) throw new Error(`Checkpoint ${consumer}@${version} vanished right after creation`);
    return row;
  },

  /** Moves the checkpoint only if it is still where the caller last saw it (optimistic). */
  async advance(
    em: EntityManager,
    from: Checkpoint,
    to: { position: GlobalPosition; positionTime: Date | null },
    handled: number,
  ): Promise<Checkpoint> {
    const result = await em.execute<{ affectedRows: number }>(
      `update public.es_checkpoints
          set position = ?, position_time = ?::timestamptz, events_processed = events_processed + ?, updated_at = now()
        where consumer = ? and version = ? and position is not distinct from ?`,
      [to.position, to.positionTime?.toISOString() ?? null, handled, from.consumer, from.version, from.position],
      'run',
    );
    if (result.affectedRows !== 1) throw new CheckpointMovedError(from.consumer, from.position, undefined);
    return { ...from, position: to.position, positionTime: to.positionTime, eventsProcessed: from.eventsProcessed + handled, updatedAt: new Date() };
  },

  async list(em: EntityManager): Promise<Checkpoint[]> {
    const rows = await em.execute<CheckpointRow[]>(`select ${COLUMNS} from public.es_checkpoints order by consumer, version`);
    return rows.map(toCheckpoint);
  },

  async remove(em: EntityManager, consumer: string, version?: number): Promise<void> {
    if (version === undefined) await em.execute(`delete from public.es_checkpoints where consumer = ?`, [consumer]);
    else await em.execute(`delete from public.es_checkpoints where consumer = ? and version = ?`, [consumer, version]);
  },
};

/** Throws CheckpointMovedError unless the locked row is where the caller expects it. */
export function assertAt(row: Checkpoint | null, expected: Checkpoint): Checkpoint {
  if (!row || row.position !== expected.position) throw new CheckpointMovedError(expected.consumer, expected.position, row ? row.position : undefined);
  return row;
}

function toCheckpoint(row: CheckpointRow): Checkpoint {
  return {
    consumer: row.consumer,
    version: Number(row.version),
    position: row.position,
    positionTime: row.position_time === null ? null : new Date(row.position_time),
    eventsProcessed: Number(row.events_processed),
    updatedAt: new Date(row.updated_at),
  };
}
