import { uuidv7 } from '@tally/platform';
import { Pool, QueryConfig, QueryResult, QueryResultRow } from 'pg';
import { StreamConditionFailedError, StreamDeletedError, StreamNotFoundError, WrongExpectedVersionError } from '../event-store.errors';
import {
  AppendOptions,
  AppendResult,
  DeleteStreamOptions,
  EventFilter,
  EventMetadata,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  GlobalPosition,
  HeadCensus,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamMetadata,
  SubscribeOptions,
  Subscription,
  SubscriptionHandler,
} from '../event-store.port';
import { UpcasterRegistry } from '../upcasting/upcaster-registry';
import { SQL_EXPECT_ANY, SQL_EXPECT_NO_STREAM, SQL_EXPECT_STREAM_EXISTS, SQL_STATUS } from './migrations/eventstore-schema.sql';
import { SQL_STATUS_CONDITION_FAILED } from './migrations/eventstore-append-conditions.sql';
import { conditionsToSql } from './pg-conditions';
import { mapPgError } from './pg-errors';
import { formatPgPosition, parsePgPosition } from './pg-position';
import { PollingSubscription } from './pg-subscription';
import { NotificationMode, PgWakeups } from './pg-wakeups';

export interface PostgresEventStoreOptions {
  /** Applied on every read path. Default: an empty registry. */
  upcasters?: UpcasterRegistry;
  /** How often an idle subscription polls (ms). Default 75. */
  pollIntervalMs?: number;
  /**
   * Least time between two pg_notify hints sent by this process (ms). NOTIFY takes a global
   * lock at commit that serialises the committing transactions (EVENTSTORE.md §2), so under
   * load only some appends carry the hint; polling covers the rest. Default 50 (at most 20
   * notifying commits a second per process); 0: every append notifies; null: never.
   */
  notifyIntervalMs?: number | null;
  /** LISTEN for other processes' appends (probed; PGlite falls back to polling). Default true. */
  listen?: boolean;
  /** End the pool on close() (when the store opened it). Default false. */
  ownsPool?: boolean;
  /**
   * Group commit: appends arriving while `groupCommitFlushes` appends are already in flight wait
   * and go together, up to `groupCommitMaxBatch` streams in one es_append_many call (one
   * transaction, one commit), each stream's expectation still checked on its own. An idle store
   * sends an append at once, so a lone writer pays no delay. Default 4 flushes, 256 streams;
   * `groupCommitFlushes: 0` turns it off (every append its own transaction).
   */
  groupCommitFlushes?: number;
  groupCommitMaxBatch?: number;
}

interface AppendItem {
  streamId: string;
  ids: string[];
  types: string[];
  versions: number[];
  data: string[];
  metadata: string[];
  expected: number;
  expectedRevision: ExpectedRevision;
  /** Append conditions (stream, revision with -1 for no stream); empty for most appends. */
  condStreams: string[];
  condRevisions: number[];
}

interface AppendRow {
  status: number;
  revision: string;
  tx: string | null;
  pos: string | null;
  /** es_append_if: the stream whose condition failed (status 4). */
  cond_stream?: string | null;
}

interface PendingAppend {
  item: AppendItem;
  resolve: (row: AppendRow) => void;
  reject: (error: unknown) => void;
}

const MAX_BIGINT = '9223372036854775807';

/**
 * Events' data and metadata go as one JSON array each, unpacked here into the jsonb[] the
 * functions take. As text[] parameters every element was escaped into an array literal by the
 * client and unescaped by the server: for a screened VoteCast 9.0 µs of client and 14.1 µs of
 * server CPU per event against 3.9 and 11.3 this way (`npm run bench:append-parameters`).
 * Ordinality keeps the order; the contract's "whatever characters" case holds every path to it.
 */
export function jsonbArray(parameter: number): string {
  return `ARRAY(SELECT e.value FROM jsonb_array_elements($${parameter}::jsonb) WITH ORDINALITY AS e(value, i) ORDER BY e.i)`;
}

/** JSON texts as one JSON array (jsonbArray). */
export function jsonArrayOf(texts: readonly string[]): string {
  return `[${texts.join(',')}]`;
}

const APPEND_SQL = `SELECT status, revision, tx, pos FROM es_append($1, $2::uuid[], $3::text[], $4::int[], ${jsonbArray(5)}, ${jsonbArray(6)}, $7, $8)`;

const APPEND_MANY_SQL = `SELECT item, status, revision, tx, pos
  FROM es_append_many($1::text[], $2::bigint[], $3::int[], $4::uuid[], $5::text[], $6::int[], ${jsonbArray(7)}, ${jsonbArray(8)}, $9)`;

const APPEND_IF_SQL = `SELECT status, revision, tx, pos, cond_stream
  FROM es_append_if($1, $2::uuid[], $3::text[], $4::int[], ${jsonbArray(5)}, ${jsonbArray(6)}, $7, $8, $9::text[], $10::bigint[], false)`;

const APPEND_MANY_IF_SQL = `SELECT item, status, revision, tx, pos, cond_stream
  FROM es_append_many_if($1::text[], $2::bigint[], $3::int[], $4::uuid[], $5::text[], $6::int[], ${jsonbArray(7)}, ${jsonbArray(8)}, $9,
    $10::int[], $11::text[], $12::bigint[])`;

const EVENT_COLUMNS = `e.global_position, e.transaction_id, e.stream_id, e.stream_revision, e.event_id, e.event_type,
  e.schema_version, e.data, e.metadata, e.created_at`;

/**
 * EVENT_COLUMNS with the named top-level data fields left out (ReadAllOptions.omitData). Only
 * events that have one pay for the removal: printing a jsonb costs PostgreSQL far more than the
 * `?|` that finds one (a VoteCast with its screening record prints ~3× slower than without).
 * Objects only: on an array `?|` and `-` match string elements, and `-` fails on a scalar.
 */
function eventColumnsWithout(fields: string): string {
  return EVENT_COLUMNS.replace('e.data,', `CASE WHEN jsonb_typeof(e.data) = 'object' AND e.data ?| ${fields} THEN e.data - ${fields} ELSE e.data END AS data,`);
}

function readStreamSql(direction: 'forwards' | 'backwards'): string {
  const forwards = direction === 'forwards';
  return `SELECT s.state, s.revision AS head, ${EVENT_COLUMNS}
    FROM es_streams s
    LEFT JOIN LATERAL (
      SELECT ev.* FROM es_events ev
      WHERE ev.stream_id = s.stream_id
        AND ev.stream_revision ${forwards ? '>=' : '<='} $2::bigint
        AND ev.stream_revision >= greatest(coalesce(s.truncate_before, 0), coalesce(s.revision - s.max_count + 1, 0))
        AND (s.max_age_s IS NULL OR ev.created_at >= now() - s.max_age_s * interval '1 second')
      ORDER BY ev.stream_revision ${forwards ? 'ASC' : 'DESC'}
      LIMIT $3::bigint
    ) e ON true
    WHERE s.stream_id = $1`;
}

const READ_STREAM = { forwards: readStreamSql('forwards'), backwards: readStreamSql('backwards') };

// Only rows of transactions older than every transaction still in flight are visible, so an
// out-of-order commit is never skipped: it is simply not visible yet (EVENTSTORE.md §2).
const VISIBLE = 'e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())';

const HEAD_SQL = `SELECT e.transaction_id, e.global_position FROM es_events e WHERE ${VISIBLE}
  ORDER BY e.transaction_id DESC, e.global_position DESC LIMIT 1`;

// The head and the distinct types in (since, head], in one statement so in one snapshot: every
// transaction below the head's xid had ended, so no event can still appear in that range.
const HEAD_CENSUS_SQL = `WITH head AS (${HEAD_SQL})
  SELECT h.transaction_id, h.global_position, ARRAY(
    SELECT DISTINCT e.event_type FROM es_events e
    WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
      AND (e.transaction_id, e.global_position) <= (h.transaction_id, h.global_position) AND ${VISIBLE}
  ) AS event_types
  FROM head h`;

interface EventRow {
  global_position: string;
  transaction_id: string;
  stream_id: string;
  stream_revision: string;
  event_id: string;
  event_type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
  created_at: Date;
}

interface StreamRow extends Partial<EventRow> {
  state: 'active' | 'soft_deleted' | 'tombstoned';
  head: string;
}

/**
 * The EventStore port on PostgreSQL (≥ 13) and PGlite (EVENTSTORE.md §2).
 *
 * - append: one round trip, `SELECT … FROM es_append(…)`, as its own short transaction (or
 *   es_append_if when it carries conditions: see README.md "Append conditions").
 * - readStream: read-your-writes (by stream revision, no visibility wait); honours soft
 *   delete, tombstones and the stream's truncateBefore/maxCount/maxAge.
 * - readAll, subscribe, headPosition: only events of transactions older than every transaction
 *   still in flight (`pg_snapshot_xmin`), ordered by (transaction id, sequence). Nothing that
 *   commits out of order is ever skipped; the price is that the global log shows an append
 *   only once every older transaction *in the whole cluster* (any database) has ended, so keep
 *   transactions short and set idle_in_transaction_session_timeout.
 * - subscriptions poll (75 ms) and are woken early by this process's own appends and, on a
 *   server, by LISTEN; on PGlite LISTEN cannot work through pglite-socket and they poll.
 * - every read path passes events through the upcaster registry; stored events never change.
 */
export class PostgresEventStore implements EventStore {
  private readonly upcasters: UpcasterRegistry;
  private readonly wakeups: PgWakeups;
  private readonly subscriptions = new Set<Subscription>();
  private readonly pollIntervalMs: number;
  private readonly notifyIntervalMs: number | null;
  private lastNotifyAt = 0;
  private namedStatements = true;
  private readonly groupCommitFlushes: number;
  private readonly groupCommitMaxBatch: number;
  private readonly pendingAppends: PendingAppend[] = [];
  private flushesInFlight = 0;
  private closed = false;

  constructor(
    private readonly pool: Pool,
    private readonly options: PostgresEventStoreOptions = {},
  ) {
    this.upcasters = options.upcasters ?? new UpcasterRegistry();
    this.pollIntervalMs = options.pollIntervalMs ?? 75;
    this.notifyIntervalMs = options.notifyIntervalMs === undefined ? 50 : options.notifyIntervalMs;
    this.wakeups = new PgWakeups(pool, options.listen ?? true);
    this.groupCommitFlushes = options.groupCommitFlushes ?? 4;
    this.groupCommitMaxBatch = Math.max(1, options.groupCommitMaxBatch ?? 256);
  }

  /** 'listen' when other processes' appends wake subscriptions, 'polling-only' on PGlite. */
  get notificationMode(): NotificationMode {
    return this.wakeups.notificationMode;
  }

  readonly supportsAppendConditions = true;

  async append(streamId: string, events: readonly EventToAppend[], expectedRevision: ExpectedRevision, options?: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) throw new Error(`Append to ${streamId} needs at least one event`);
    const { streams: condStreams, revisions: condRevisions } = conditionsToSql(streamId, options?.conditions);
    const count = events.length;
    const ids = new Array<string>(count);
    const types = new Array<string>(count);
    const versions = new Array<number>(count);
    const data = new Array<string>(count);
    const metadata = new Array<string>(count);
    for (let i = 0; i < count; i++) {
      const event = events[i];
      ids[i] = event.id ?? uuidv7();
      types[i] = event.type;
      versions[i] = event.schemaVersion ?? 1;
      data[i] = JSON.stringify(event.data ?? null);
      metadata[i] = JSON.stringify(event.metadata);
    }
    const expected = expectedToSql(expectedRevision);
    const item: AppendItem = { streamId, ids, types, versions, data, metadata, expected, expectedRevision, condStreams, condRevisions };
    const row = this.groupCommitFlushes > 0 ? await this.enqueueAppend(item) : await this.appendOne(item);
    switch (row.status) {
      case SQL_STATUS.ok:
        this.wakeups.wake();
        return { nextExpectedRevision: Number(row.revision), position: formatPgPosition(row.tx!, row.pos!) };
      case SQL_STATUS.idempotent:
        return { nextExpectedRevision: Number(row.revision), position: formatPgPosition(row.tx!, row.pos!) };
      case SQL_STATUS.conflict:
        throw new WrongExpectedVersionError(streamId, expectedRevision, Number(row.revision));
      case SQL_STATUS.tombstoned:
        throw new StreamDeletedError(streamId);
      case SQL_STATUS_CONDITION_FAILED:
        throw conditionFailed(item, row);
      default:
        throw new Error(`es_append returned unknown status ${row.status}`);
    }
  }

  /** One stream, one es_append (es_append_if with conditions) call in its own transaction. */
  private async appendOne(item: AppendItem): Promise<AppendRow> {
    const values = [item.streamId, item.ids, item.types, item.versions, jsonArrayOf(item.data), jsonArrayOf(item.metadata), item.expected, this.takeNotifySlot()];
    const config: QueryConfig =
      item.condStreams.length === 0
        ? { name: 'tally_es_append', text: APPEND_SQL, values }
        : { name: 'tally_es_append_if', text: APPEND_IF_SQL, values: [...values, item.condStreams, item.condRevisions] };
    try {
      return (await this.run<AppendRow>(config)).rows[0];
    } catch (error) {
      // An id already in the stream under a matching expectation: not a retry, a conflict.
      if ((error as { constraint?: string }).constraint === 'es_events_stream_event_id_key') {
        throw new WrongExpectedVersionError(item.streamId, item.expectedRevision, await this.currentRevision(item.streamId));
      }
      throw mapPgError(error);
    }
  }

  private enqueueAppend(item: AppendItem): Promise<AppendRow> {
    return new Promise<AppendRow>((resolve, reject) => {
      this.pendingAppends.push({ item, resolve, reject });
      this.pumpAppends();
    });
  }

  /** Starts flushes while fewer than the limit are in flight; whatever waits meanwhile goes together. */
  private pumpAppends(): void {
    while (this.flushesInFlight < this.groupCommitFlushes && this.pendingAppends.length > 0) {
      const batch = this.pendingAppends.splice(0, this.groupCommitMaxBatch);
      this.flushesInFlight++;
      void this.flushAppends(batch).finally(() => {
        this.flushesInFlight--;
        this.pumpAppends();
      });
    }
  }

  private async flushAppends(batch: PendingAppend[]): Promise<void> {
    if (batch.length === 1) {
      const [only] = batch;
      await this.appendOne(only.item).then(only.resolve, only.reject);
      return;
    }
    // Sorted by stream so that concurrent batches lock their streams in the same order.
    const sorted = [...batch].sort((a, b) => (a.item.streamId < b.item.streamId ? -1 : a.item.streamId > b.item.streamId ? 1 : 0));
    const streams: string[] = [];
    const expected: number[] = [];
    const counts: number[] = [];
    const ids: string[] = [];
    const types: string[] = [];
    const versions: number[] = [];
    const data: string[] = [];
    const metadata: string[] = [];
    const condCounts: number[] = [];
    const condStreams: string[] = [];
    const condRevisions: number[] = [];
    for (const { item } of sorted) {
      streams.push(item.streamId);
      expected.push(item.expected);
      counts.push(item.ids.length);
      condCounts.push(item.condStreams.length);
      condStreams.push(...item.condStreams);
      condRevisions.push(...item.condRevisions);
      for (let i = 0; i < item.ids.length; i++) {
        ids.push(item.ids[i]);
        types.push(item.types[i]);
        versions.push(item.versions[i]);
        data.push(item.data[i]);
        metadata.push(item.metadata[i]);
      }
    }
    const values = [streams, expected, counts, ids, types, versions, jsonArrayOf(data), jsonArrayOf(metadata), this.takeNotifySlot()];
    // Only a batch with conditions takes es_append_many_if's extra locks.
    const config: QueryConfig =
      condStreams.length === 0
        ? { name: 'tally_es_append_many', text: APPEND_MANY_SQL, values }
        : { name: 'tally_es_append_many_if', text: APPEND_MANY_IF_SQL, values: [...values, condCounts, condStreams, condRevisions] };
    let rows: (AppendRow & { item: number })[];
    try {
      rows = (await this.run<AppendRow & { item: number }>(config)).rows;
    } catch {
      // The whole transaction rolled back (an id clash in one stream, or the connection went):
      // each append runs again on its own, so only the culprit fails. Event ids make a repeat of
      // an append that did commit an idempotent success.
      await Promise.all(sorted.map(({ item, resolve, reject }) => this.appendOne(item).then(resolve, reject)));
      return;
    }
    for (const row of rows) sorted[row.item].resolve(row);
  }

  async readStream<Data = unknown>(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent<Data>[]> {
    const direction = options.direction ?? 'forwards';
    const from = options.fromRevision ?? (direction === 'forwards' ? 'start' : 'end');
    const fromSql = from === 'start' ? '0' : from === 'end' ? MAX_BIGINT : String(from);
    const rows = await this.query<StreamRow>({
      name: `tally_es_read_stream_${direction}`,
      text: READ_STREAM[direction],
      values: [streamId, fromSql, options.maxCount ?? null],
    });
    const head = rows[0];
    if (!head) throw new StreamNotFoundError(streamId);
    if (head.state === 'tombstoned') throw new StreamDeletedError(streamId);
    if (head.state === 'soft_deleted' || Number(head.head) < 0) throw new StreamNotFoundError(streamId);
    const events: RecordedEvent<Data>[] = [];
    for (const row of rows) if (row.event_id) events.push(this.toEvent<Data>(row as EventRow));
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const direction = options.direction ?? 'forwards';
    const from = options.from ?? (direction === 'forwards' ? 'start' : 'end');
    if ((direction === 'forwards' && from === 'end') || (direction === 'backwards' && from === 'start')) return [];
    const ordered = options.consistency !== 'committed';
    const rows = await this.readAllRows(direction, from === 'start' || from === 'end' ? null : from, options.filter, options.maxCount ?? null, false, ordered, options.omitData);
    return rows.map((row) => this.toEvent(row));
  }

  subscribe(options: SubscribeOptions, handler: SubscriptionHandler): Subscription {
    if (this.closed) throw new Error('The event store is closed');
    if (options.from !== 'start') parsePgPosition(options.from);
    // Every transaction below this xid had committed (or aborted) when the subscription began:
    // caught up means the reads' xmin has passed it and a read came back short.
    let startedBefore: bigint | undefined;
    const subscription: PollingSubscription = new PollingSubscription(
      {
        from: options.from,
        batchSize: options.batchSize ?? 100,
        pollIntervalMs: this.pollIntervalMs,
        read: async (from, limit) => {
          startedBefore ??= BigInt(
            (await this.query<{ xmax: string }>({ text: 'SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xmax' }))[0].xmax,
          );
          const read = await this.readForSubscription(from === 'start' ? null : from, options.filter, limit);
          return { ...read, coversStart: read.xmin >= startedBefore };
        },
        onWake: (wake) => this.wakeups.add(wake),
        handler,
      },
      () => this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<GlobalPosition | null> {
    const rows = await this.query<{ transaction_id: string; global_position: string }>({ name: 'tally_es_head', text: HEAD_SQL });
    const row = rows[0];
    return row ? formatPgPosition(row.transaction_id, row.global_position) : null;
  }

  async headCensus(since: GlobalPosition): Promise<HeadCensus> {
    const { tx, pos } = parsePgPosition(since);
    const rows = await this.query<{ transaction_id: string; global_position: string; event_types: string[] }>({
      name: 'tally_es_head_census',
      text: HEAD_CENSUS_SQL,
      values: [tx, pos],
    });
    const row = rows[0];
    if (!row) return { head: null, eventTypes: new Set() };
    return { head: formatPgPosition(row.transaction_id, row.global_position), eventTypes: new Set(row.event_types) };
  }

  async deleteStream(streamId: string, options: DeleteStreamOptions = {}): Promise<void> {
    const expected = options.expectedRevision ?? 'any';
    const rows = await this.query<{ status: number; revision: string }>({
      text: 'SELECT status, revision FROM es_delete_stream($1, $2, $3)',
      values: [streamId, expectedToSql(expected), options.tombstone ?? false],
    });
    const row = rows[0];
    if (row.status === SQL_STATUS.conflict) throw new WrongExpectedVersionError(streamId, expected, Number(row.revision));
    if (row.status === SQL_STATUS.tombstoned) throw new StreamDeletedError(streamId);
  }

  async setStreamMetadata(streamId: string, metadata: StreamMetadata): Promise<void> {
    const rows = await this.query({
      text: `INSERT INTO es_streams AS s (stream_id, truncate_before, max_count, max_age_s, metadata)
        VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (stream_id) DO UPDATE SET truncate_before = EXCLUDED.truncate_before, max_count = EXCLUDED.max_count,
          max_age_s = EXCLUDED.max_age_s, metadata = EXCLUDED.metadata
        WHERE s.state <> 'tombstoned'
        RETURNING 1`,
      values: [
        streamId,
        metadata.truncateBefore ?? null,
        metadata.maxCount ?? null,
        metadata.maxAgeSeconds ?? null,
        metadata.custom ? JSON.stringify(metadata.custom) : null,
      ],
    });
    if (rows.length === 0) throw new StreamDeletedError(streamId);
  }

  async getStreamMetadata(streamId: string): Promise<StreamMetadata> {
    const rows = await this.query<{
      state: string;
      truncate_before: string | null;
      max_count: string | null;
      max_age_s: string | null;
      metadata: Record<string, unknown> | null;
    }>({
      text: 'SELECT state, truncate_before, max_count, max_age_s, metadata FROM es_streams WHERE stream_id = $1',
      values: [streamId],
    });
    const row = rows[0];
    if (!row) return {};
    if (row.state === 'tombstoned') throw new StreamDeletedError(streamId);
    const result: StreamMetadata = {};
    if (row.truncate_before !== null) result.truncateBefore = Number(row.truncate_before);
    if (row.max_count !== null) result.maxCount = Number(row.max_count);
    if (row.max_age_s !== null) result.maxAgeSeconds = Number(row.max_age_s);
    if (row.metadata !== null) result.custom = row.metadata;
    return result;
  }

  async ping(): Promise<void> {
    await this.query({ text: 'SELECT 1' });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.wakeups.close();
    if (this.options.ownsPool) await this.pool.end();
  }

  /**
   * A subscription's read. With a filter it also returns the visible head of the whole log,
   * taken in the same statement (same snapshot): when the batch comes back short, every
   * matching event up to that head has been seen, so the cursor moves there and the next poll
   * does not scan the same non-matching rows again (a rare event type would otherwise make
   * every poll scan the whole tail of the log).
   */
  private async readForSubscription(
    from: GlobalPosition | null,
    filter: EventFilter | undefined,
    limit: number,
  ): Promise<{ events: RecordedEvent[]; horizon: GlobalPosition | null; xmin: bigint }> {
    const rows = await this.readAllRows('forwards', from, filter, limit, true);
    const first = rows[0];
    const filtered = Boolean(filter?.streamPrefixes?.length || filter?.eventTypes?.length);
    return {
      events: rows.filter((row) => row.event_id !== null).map((row) => this.toEvent(row)),
      horizon: filtered && first.head_tx ? formatPgPosition(first.head_tx, first.head_pos!) : null,
      xmin: BigInt(first.snap_xmin!),
    };
  }

  private async readAllRows(
    direction: 'forwards' | 'backwards',
    from: GlobalPosition | null,
    filter: EventFilter | undefined,
    limit: number | null,
    withHead = false,
    ordered = true,
    omitData: readonly string[] = [],
  ): Promise<(EventRow & { snap_xmin?: string; head_tx?: string | null; head_pos?: string | null })[]> {
    const values: unknown[] = [];
    const where: string[] = [];
    let key = direction === 'forwards' ? 'f' : 'b';
    if (from !== null) {
      const { tx, pos } = parsePgPosition(from);
      values.push(tx, pos);
      where.push(`(e.transaction_id, e.global_position) ${direction === 'forwards' ? '>' : '<'} ($1::xid8, $2::bigint)`);
      key += 'p';
    }
    // Unordered reads see every committed event; MVCC alone hides the uncommitted ones.
    if (ordered) where.push(VISIBLE);
    else key += 'u';
    const prefixes = filter?.streamPrefixes;
    if (prefixes && prefixes.length > 0) {
      // Prefixes that name a whole category also narrow on the generated, indexed column.
      if (prefixes.every((prefix) => prefix.includes('-'))) {
        values.push([...new Set(prefixes.map((prefix) => prefix.slice(0, prefix.indexOf('-'))))]);
        where.push(`e.category = ANY ($${values.length}::text[])`);
        key += 'c';
      }
      values.push(prefixes.map((prefix) => `${prefix.replace(/[\\%_]/g, '\\$&')}%`));
      where.push(`e.stream_id LIKE ANY ($${values.length}::text[])`);
      key += 's';
    }
    if (filter?.eventTypes && filter.eventTypes.length > 0) {
      values.push(filter.eventTypes);
      where.push(`e.event_type = ANY ($${values.length}::text[])`);
      key += 't';
    }
    let columns = EVENT_COLUMNS;
    if (omitData.length > 0) {
      values.push(omitData);
      columns = eventColumnsWithout(`$${values.length}::text[]`);
      key += 'o';
    }
    values.push(limit);
    const order = direction === 'forwards' ? 'ASC' : 'DESC';
    const events = `SELECT ${columns} FROM es_events e WHERE ${where.join(' AND ')}
      ORDER BY e.transaction_id ${order}, e.global_position ${order} LIMIT $${values.length}::bigint`;
    if (!withHead) return this.query<EventRow>({ name: `tally_es_read_all_${key}`, text: events, values });
    // One statement, one snapshot: the batch, the snapshot's xmin and the visible head agree.
    const text = `WITH snap AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin), head AS (${HEAD_SQL})
      SELECT s.xmin::text AS snap_xmin, h.transaction_id AS head_tx, h.global_position AS head_pos, x.*
      FROM snap s LEFT JOIN head h ON true LEFT JOIN LATERAL (${events}) x ON true
      ORDER BY x.transaction_id, x.global_position`;
    return this.query({ name: `tally_es_read_all_h${key}`, text, values });
  }

  private toEvent<Data>(row: EventRow): RecordedEvent<Data> {
    const event: RecordedEvent = {
      id: row.event_id,
      streamId: row.stream_id,
      revision: Number(row.stream_revision),
      position: formatPgPosition(row.transaction_id, row.global_position),
      type: row.event_type,
      schemaVersion: row.schema_version,
      data: row.data,
      metadata: row.metadata,
      createdAt: row.created_at,
    };
    return this.upcasters.upcast<Data>(event);
  }

  private async currentRevision(streamId: string): Promise<number> {
    const rows = await this.query<{ revision: string }>({ text: 'SELECT revision FROM es_streams WHERE stream_id = $1', values: [streamId] });
    return rows[0] ? Number(rows[0].revision) : -1;
  }

  private takeNotifySlot(): boolean {
    if (this.notifyIntervalMs === null) return false;
    if (this.notifyIntervalMs === 0) return true;
    const now = Date.now();
    if (now - this.lastNotifyAt < this.notifyIntervalMs) return false;
    this.lastNotifyAt = now;
    return true;
  }

  private async query<Row extends QueryResultRow>(config: QueryConfig): Promise<Row[]> {
    try {
      return (await this.run<Row>(config)).rows;
    } catch (error) {
      throw mapPgError(error);
    }
  }

  /**
   * Hot statements are named (prepared once per connection). Through pglite-socket every
   * connection shares PGlite's one session, so a second connection's prepare collides with the
   * first's (42P05, raised at parse time: nothing ran); from then on this store sends them unnamed.
   */
  private async run<Row extends QueryResultRow>(config: QueryConfig): Promise<QueryResult<Row>> {
    if (!this.namedStatements || !config.name) return this.pool.query<Row>({ text: config.text, values: config.values });
    try {
      return await this.pool.query<Row>(config);
    } catch (error) {
      if ((error as { code?: string }).code !== '42P05') throw error;
      this.namedStatements = false;
      return this.pool.query<Row>({ text: config.text, values: config.values });
    }
  }
}

function conditionFailed(item: AppendItem, row: AppendRow): StreamConditionFailedError {
  const stream = row.cond_stream ?? '';
  const revision = item.condRevisions[item.condStreams.indexOf(stream)];
  return new StreamConditionFailedError(item.streamId, stream, revision === -1 ? 'no_stream' : revision, Number(row.revision));
}

function expectedToSql(expected: ExpectedRevision): number {
  switch (expected) {
    case 'any':
      return SQL_EXPECT_ANY;
    case 'no_stream':
      return SQL_EXPECT_NO_STREAM;
    case 'stream_exists':
      return SQL_EXPECT_STREAM_EXISTS;
    default:
      if (!Number.isSafeInteger(expected) || expected < -1) throw new Error(`Invalid expected revision ${expected}`);
      return expected;
  }
}
