import { EntityManager } from '@mikro-orm/postgresql';
import { uuidv7 } from '@tally/platform';
import { GlobalPosition, RecordedEvent } from '../event-store.port';

/** An event a projection could not apply; the runner moved on past it and retries it in the background. */
export interface DeadLetter {
  id: string;
  consumer: string;
  version: number;
  eventId: string;
  streamId: string;
  streamRevision: number;
  eventType: string;
  position: GlobalPosition;
  error: string;
  /** Every try: in the batch, in the background and by an operator. */
  attempts: number;
  /** Background retries made so far. */
  retries: number;
  /** When the next background retry is due; null once they are used up (an operator's turn). */
  nextRetryAt: Date | null;
  parkedAt: Date;
  replayedAt: Date | null;
}

interface DeadLetterRow {
  id: string;
  consumer: string;
  version: number;
  event_id: string;
  stream_id: string;
  stream_revision: string | number;
  event_type: string;
  position: string;
  error: string;
  attempts: number;
  retries: number;
  next_retry_at: Date | string | null;
  parked_at: Date | string;
  replayed_at: Date | string | null;
}

const COLUMNS = 'id, consumer, version, event_id, stream_id, stream_revision, event_type, position, error, attempts, retries, next_retry_at, parked_at, replayed_at';
/** Errors are kept for operators, not as an unbounded log. */
const MAX_ERROR_LENGTH = 4_000;

/** SQL over es_dead_letters, always inside the caller's transaction (see checkpoints.ts). */
export const deadLetters = {
  /** `retryInMs` null: no background retry (they are turned off). Times are the database's, like the due query's. */
  async park(em: EntityManager, consumer: string, version: number, event: RecordedEvent, error: unknown, attempts: number, retryInMs: number | null): Promise<string> {
    const id = uuidv7();
    await em.execute(
      `insert into public.es_dead_letters (id, consumer, version, event_id, stream_id, stream_revision, event_type, position, error, attempts, next_retry_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now() + ?::integer * interval '1 millisecond')`,
      [id, consumer, version, event.id, event.streamId, event.revision, event.type, event.position, describeError(error), attempts, retryInMs],
    );
    return id;
  },

  /** Parked events of these consumers whose background retry is due, in log order. */
  async due(em: EntityManager, consumers: readonly string[], limit: number): Promise<DeadLetter[]> {
    if (consumers.length === 0) return [];
    const rows = await em.execute<DeadLetterRow[]>(
      `select ${COLUMNS} from public.es_dead_letters
        where replayed_at is null and next_retry_at <= now() and consumer in (${consumers.map(() => '?').join(', ')})
        order by position, id limit ?`,
      [...consumers, limit],
    );
    return rows.map(toDeadLetter);
  },

  /** A background retry failed: count it, keep its error, and set the next one (null: none left). */
  async recordFailedRetry(em: EntityManager, id: string, error: unknown, retryInMs: number | null): Promise<void> {
    await em.execute(
      `update public.es_dead_letters
          set attempts = attempts + 1, retries = retries + 1, error = ?, next_retry_at = now() + ?::integer * interval '1 millisecond'
        where id = ? and replayed_at is null`,
      [describeError(error), retryInMs, id],
    );
  },

  async list(em: EntityManager, filter: { consumer?: string; includeReplayed?: boolean; limit?: number } = {}): Promise<DeadLetter[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.consumer !== undefined) {
      where.push('consumer = ?');
      params.push(filter.consumer);
    }
    if (!filter.includeReplayed) where.push('replayed_at is null');
    params.push(filter.limit ?? 1000);
    const rows = await em.execute<DeadLetterRow[]>(
      `select ${COLUMNS} from public.es_dead_letters ${where.length ? `where ${where.join(' and ')}` : ''} order by parked_at, id limit ?`,
      params,
    );
    return rows.map(toDeadLetter);
  },

  async countParked(em: EntityManager): Promise<Map<string, number>> {
    const rows = await em.execute<{ consumer: string; parked: string }[]>(
      `select consumer, count(*) as parked from public.es_dead_letters where replayed_at is null group by consumer`,
    );
    return new Map(rows.map((row) => [row.consumer, Number(row.parked)]));
  },

  /** Parked events with no background retry left, per consumer: each waits for an operator (alert-worthy). */
  async countExhausted(em: EntityManager): Promise<Map<string, number>> {
    const rows = await em.execute<{ consumer: string; parked: string }[]>(
      `select consumer, count(*) as parked from public.es_dead_letters where replayed_at is null and next_retry_at is null group by consumer`,
    );
    return new Map(rows.map((row) => [row.consumer, Number(row.parked)]));
  },

  async get(em: EntityManager, id: string, options: { forUpdate?: boolean } = {}): Promise<DeadLetter | null> {
    const rows = await em.execute<DeadLetterRow[]>(`select ${COLUMNS} from public.es_dead_letters where id = ?${options.forUpdate ? ' for update' : ''}`, [id]);
    return rows[0] ? toDeadLetter(rows[0]) : null;
  },

  async markReplayed(em: EntityManager, id: string): Promise<void> {
    await em.execute(`update public.es_dead_letters set replayed_at = now(), attempts = attempts + 1 where id = ?`, [id]);
  },

  async recordFailedReplay(em: EntityManager, id: string, error: unknown): Promise<void> {
    await em.execute(`update public.es_dead_letters set attempts = attempts + 1, error = ? where id = ?`, [describeError(error), id]);
  },

  /** A finished rebuild's parked events replace the old ones: they were retried against the new tables. */
  async handOver(em: EntityManager, from: string, to: string, version: number): Promise<void> {
    await em.execute(`delete from public.es_dead_letters where consumer = ? and replayed_at is null`, [to]);
    await em.execute(`update public.es_dead_letters set consumer = ?, version = ? where consumer = ?`, [to, version, from]);
  },

  async discard(em: EntityManager, consumer: string): Promise<void> {
    await em.execute(`delete from public.es_dead_letters where consumer = ?`, [consumer]);
  },
};

export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}

function toDeadLetter(row: DeadLetterRow): DeadLetter {
  return {
    id: row.id,
    consumer: row.consumer,
    version: Number(row.version),
    eventId: row.event_id,
    streamId: row.stream_id,
    streamRevision: Number(row.stream_revision),
    eventType: row.event_type,
    position: row.position,
    error: row.error,
    attempts: Number(row.attempts),
    retries: Number(row.retries),
    nextRetryAt: row.next_retry_at === null ? null : new Date(row.next_retry_at),
    parkedAt: new Date(row.parked_at),
    replayedAt: row.replayed_at === null ? null : new Date(row.replayed_at),
  };
}
