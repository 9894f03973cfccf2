/**
 * The event store port. Semantics follow EventStoreDB, normalised (../shared/EVENTSTORE.md):
 * revisions are 0-based and `-1` means "no stream"; global positions are opaque strings that
 * sort in commit order; subscription and read starts are exclusive.
 *
 * Revisions are plain numbers, not bigints: 2^53 events in one stream is out of reach, and
 * domain code stays simple. The EventStoreDB adapter converts at its edge.
 */

/** Who asked, for whom, and why — carried by every event (DESIGN.md). No personal data here. */
export interface EventMetadata {
  tenantId: string;
  actorId: string | null;
  clientIp: string | null;
  correlationId: string;
  causationId: string | null;
  [extra: string]: unknown;
}

export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export const NO_STREAM_REVISION = -1;

/** A global position: for PostgreSQL `xid(20 digits):position(19 digits)`, for ESDB the commit position. */
export type GlobalPosition = string;

export interface EventToAppend<Data = unknown> {
  /** UUID; the store derives idempotency from it. Minted (UUIDv7) when absent. */
  id?: string;
  type: string;
  /** Schema version of `data`, 1 when absent; upcasters lift older versions on read. */
  schemaVersion?: number;
  data: Data;
  metadata: EventMetadata;
}

export interface RecordedEvent<Data = unknown> {
  id: string;
  streamId: string;
  revision: number;
  position: GlobalPosition;
  type: string;
  schemaVersion: number;
  data: Data;
  metadata: EventMetadata;
  createdAt: Date;
}

/**
 * An append condition: the append happens only if `streamId` is at `revision` when it commits
 * (`'no_stream'`: the stream does not exist, or is soft-deleted). It lets a decision made on a
 * cached state of another stream (the contest of a vote) be validated at append time, without
 * reading that stream first. A failed condition raises StreamConditionFailedError and appends
 * nothing. Conditions are checked after the expected revision and idempotency: a retry of an
 * append that already happened succeeds whatever the condition stream did since. A tombstoned
 * stream fails every condition. See README.md "Append conditions".
 */
export interface StreamCondition {
  streamId: string;
  revision: number | 'no_stream';
}

export interface AppendOptions {
  /** Every one must hold; a condition on the appended stream itself is refused (use the expected revision). */
  conditions?: readonly StreamCondition[];
}

export interface AppendResult {
  /** The revision of the last event now in the stream; pass it as the next expectation. */
  nextExpectedRevision: number;
  position: GlobalPosition;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive. Default: the start going forwards, the end going backwards. */
  fromRevision?: number | 'start' | 'end';
  maxCount?: number;
}

/** Selects events by stream-name prefix (categories: the part before the first `-`) and/or type. */
export interface EventFilter {
  streamPrefixes?: readonly string[];
  eventTypes?: readonly string[];
}

export interface ReadAllOptions {
  direction?: 'forwards' | 'backwards';
  /** Exclusive. Default: the start going forwards, the end going backwards. */
  // The literals document the sentinels even though GlobalPosition is a string.
  // eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents
  from?: GlobalPosition | 'start' | 'end';
  maxCount?: number;
  filter?: EventFilter;
  /**
   * 'ordered' (default): only events that no transaction still in flight can come before, so a
   * reader never finds an event behind what it has seen (subscriptions, projections, positions).
   * 'committed': every event committed now, also past such a gap: for a read that wants all that
   * is written and keeps no position from it (the read-your-writes fallbacks). EventStoreDB serves
   * committed events in order only: the same for both.
   */
  consistency?: 'ordered' | 'committed';
  /**
   * Top-level fields of each event's data this reader never uses, left out of what it gets (as
   * if not written; removed before upcasting, so no upcaster may need them). For a large part that
   * few readers use: a vote's screening record is read by fraud's projections, and each of the
   * others would otherwise make the database print it and this process parse it again (issue 13).
   */
  omitData?: readonly string[];
}

export interface SubscribeOptions {
  /** Exclusive: delivery begins after this position. */
  // eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents
  from: GlobalPosition | 'start';
  filter?: EventFilter;
  /** Most events handed to the handler at once. */
  batchSize?: number;
}

/**
 * A catch-up subscription: history, then live events, in global order, each once. The next
 * batch is read only after the handler's promise settles; if the handler throws, the
 * subscription stops and `done` rejects with that error (the caller decides on retries).
 */
export interface Subscription {
  /** Resolves once the subscription has delivered everything that existed when it started. */
  readonly caughtUp: Promise<void>;
  /** Settles when the subscription stops: resolves after stop(), rejects on handler or store failure. */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

export type SubscriptionHandler = (batch: RecordedEvent[]) => Promise<void>;

export interface StreamMetadata {
  maxCount?: number;
  maxAgeSeconds?: number;
  /** Events below this revision are no longer returned by readStream. */
  truncateBefore?: number;
  custom?: Record<string, unknown>;
}

export interface DeleteStreamOptions {
  expectedRevision?: ExpectedRevision;
  /** A tombstone is permanent: the stream can never be written again. */
  tombstone?: boolean;
}

/**
 * The head as `headPosition` gives it, and what became readable since an earlier head: the
 * distinct types of every event in (since, head]. Taken in one snapshot, with the readers'
 * visibility bound, so no event in that range can show up later. The projection runner uses it
 * to let a caught-up loop whose filter takes none of those types skip its read.
 */
export interface HeadCensus {
  head: GlobalPosition | null;
  /** Every stored `event_type` (before upcasting, as filters match) in (since, head]; empty when head ≤ since. */
  eventTypes: ReadonlySet<string>;
}

export interface EventStore {
  /**
   * Whether `append` enforces `conditions` atomically (PostgreSQL). A store without them
   * (EventStoreDB) refuses any append that carries conditions with AppendConditionsUnsupportedError.
   */
  readonly supportsAppendConditions: boolean;
  append(streamId: string, events: readonly EventToAppend[], expectedRevision: ExpectedRevision, options?: AppendOptions): Promise<AppendResult>;
  /** Throws StreamNotFoundError for a stream that never existed or was soft-deleted; StreamDeletedError when tombstoned. */
  readStream<Data = unknown>(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent<Data>[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribe(options: SubscribeOptions, handler: SubscriptionHandler): Subscription;
  /** The position of the newest event visible to readers, or null for an empty store. */
  headPosition(): Promise<GlobalPosition | null>;
  /**
   * Optional (PostgreSQL and PGlite; not EventStoreDB): the head and the census of (since, head].
   * Where it is missing, or it fails, callers read as if nothing were known about the range.
   */
  headCensus?(since: GlobalPosition): Promise<HeadCensus>;
  deleteStream(streamId: string, options?: DeleteStreamOptions): Promise<void>;
  setStreamMetadata(streamId: string, metadata: StreamMetadata): Promise<void>;
  getStreamMetadata(streamId: string): Promise<StreamMetadata>;
  /** Whether the store answers (for readiness probes). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Nest injection token for the EventStore port. */
export const EVENT_STORE = Symbol('EventStore');
