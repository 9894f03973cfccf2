import {
  AllStreamSubscription,
  ANY,
  AppendExpectedRevision,
  CurrentRevision,
  DeadlineExceededError,
  EventData,
  ExpectedRevision as EsdbExpectedRevision,
  Filter,
  NO_STREAM,
  NotLeaderError,
  Position,
  ResolvedEvent,
  StreamDeletedError as EsdbStreamDeletedError,
  StreamMetadata as EsdbStreamMetadata,
  StreamNotFoundError as EsdbStreamNotFoundError,
  STREAM_EXISTS,
  streamNameFilter,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  eventTypeFilter,
} from '@eventstore/db-client';
import { EventStoreUnavailableError, StreamDeletedError, StreamNotFoundError, WrongExpectedVersionError } from '../event-store.errors';
import { EventFilter, EventMetadata, EventToAppend, ExpectedRevision, GlobalPosition, RecordedEvent, StreamMetadata } from '../event-store.port';

/** The schema version travels in the event metadata under this key (ESDB has no column for it). */
export const SCHEMA_VERSION_KEY = '$schemaVersion';

export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      if (!Number.isSafeInteger(expected) || expected < -1) throw new Error(`Invalid expected revision ${expected}`);
      return expected === -1 ? NO_STREAM : BigInt(expected);
  }
}

/** Deletes take no STREAM_EXISTS on ESDB: ANY is the nearest (deleting a missing stream is harmless). */
export function toEsdbDeleteExpectedRevision(expected: ExpectedRevision): EsdbExpectedRevision {
  const mapped = toEsdbExpectedRevision(expected);
  return mapped === STREAM_EXISTS ? ANY : mapped;
}

/** ESDB's current revision: `no_stream` or the last revision as a bigint; ours: -1 or a number. */
export function fromEsdbCurrentRevision(current: CurrentRevision | AppendExpectedRevision): number {
  return typeof current === 'bigint' ? Number(current) : -1;
}

/** `commit(20 digits):prepare(20 digits)`: sorts as text in $all order and round-trips both halves. */
export function formatEsdbPosition(position: Position): GlobalPosition {
  return `${position.commit.toString().padStart(20, '0')}:${position.prepare.toString().padStart(20, '0')}`;
}

export function parseEsdbPosition(position: GlobalPosition): Position {
  const match = /^(\d{1,20}):(\d{1,20})$/.exec(position);
  if (!match) throw new Error(`Not an EventStoreDB position: "${position}"`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}

/** Maps the client's errors to the port's; unknown errors pass unchanged. */
export function mapEsdbError(error: unknown, streamId: string, expected: ExpectedRevision = 'any'): unknown {
  if (error instanceof EsdbWrongExpectedVersionError) {
    return new WrongExpectedVersionError(streamId, expected, fromEsdbCurrentRevision(error.actualVersion));
  }
  if (error instanceof EsdbStreamNotFoundError) return new StreamNotFoundError(streamId);
  if (error instanceof EsdbStreamDeletedError) return new StreamDeletedError(streamId);
  if (isEsdbUnavailable(error)) return new EventStoreUnavailableError(error);
  return error;
}

const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;

export function isEsdbUnavailable(error: unknown): boolean {
  if (error instanceof UnavailableError || error instanceof DeadlineExceededError || error instanceof TimeoutError || error instanceof NotLeaderError) {
    return true;
  }
  const code = (error as { code?: unknown } | null)?.code;
  return code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED;
}

export function toEsdbEventData(event: EventToAppend, id: string): EventData {
  return {
    id,
    contentType: 'application/json',
    type: event.type,
    data: (event.data ?? null) as never,
    metadata: { ...event.metadata, [SCHEMA_VERSION_KEY]: event.schemaVersion ?? 1 },
  };
}

/** A resolved event from a stream read or $all, or null for what the port never shows (system and link events). */
export function fromEsdbEvent(resolved: ResolvedEvent): RecordedEvent | null {
  const event = resolved.event;
  if (!event || event.streamId.startsWith('$') || event.type.startsWith('$')) return null;
  const position = event.position ?? (resolved.commitPosition !== undefined ? { commit: resolved.commitPosition, prepare: resolved.commitPosition } : undefined);
  if (!position) throw new Error(`EventStoreDB returned ${event.streamId}@${event.revision} without a position (server older than 22.6?)`);
  const { [SCHEMA_VERSION_KEY]: schemaVersion, ...metadata } = (event.metadata ?? {}) as Record<string, unknown>;
  const data: unknown = event.isJson ? event.data : JSON.parse(Buffer.from(event.data).toString('utf8'));
  return {
    id: event.id,
    streamId: event.streamId,
    revision: Number(event.revision),
    position: formatEsdbPosition(position),
    type: event.type,
    schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : 1,
    data,
    metadata: metadata as EventMetadata,
    createdAt: event.created,
  };
}

/**
 * The event without these top-level data fields (ReadAllOptions.omitData). EventStoreDB serves
 * whole events, so here the fields are dropped after the read; readers get what PostgreSQL's
 * query leaves out. Data that is not an object, or has none of them, is returned as it is.
 */
export function withoutDataFields(event: RecordedEvent, fields: readonly string[]): RecordedEvent {
  const data = event.data;
  if (fields.length === 0 || typeof data !== 'object' || data === null || Array.isArray(data)) return event;
  if (!fields.some((field) => Object.hasOwn(data, field))) return event;
  const kept = { ...(data as Record<string, unknown>) };
  for (const field of fields) delete kept[field];
  return { ...event, data: kept };
}

const SYSTEM_METADATA_KEYS = new Set(['maxAge', 'maxCount', 'truncateBefore', 'cacheControl', 'acl']);

export function toEsdbStreamMetadata(metadata: StreamMetadata): EsdbStreamMetadata {
  const result: EsdbStreamMetadata = { ...(metadata.custom ?? {}) };
  if (metadata.maxCount !== undefined) result.maxCount = metadata.maxCount;
  if (metadata.maxAgeSeconds !== undefined) result.maxAge = metadata.maxAgeSeconds;
  if (metadata.truncateBefore !== undefined) result.truncateBefore = metadata.truncateBefore;
  return result;
}

export function fromEsdbStreamMetadata(metadata: EsdbStreamMetadata | undefined): StreamMetadata {
  if (!metadata) return {};
  const result: StreamMetadata = {};
  if (typeof metadata.maxCount === 'number') result.maxCount = metadata.maxCount;
  if (typeof metadata.maxAge === 'number') result.maxAgeSeconds = metadata.maxAge;
  if (typeof metadata.truncateBefore === 'number') result.truncateBefore = metadata.truncateBefore;
  const custom = Object.fromEntries(Object.entries(metadata).filter(([key]) => !SYSTEM_METADATA_KEYS.has(key)));
  if (Object.keys(custom).length > 0) result.custom = custom;
  return result;
}

/**
 * The server-side part of a port filter: stream prefixes via streamNameFilter (categories are
 * prefixes, no `$ce-` projection needed), else an exact event-type regex. ESDB takes one filter
 * per subscription, so with both set the types are checked client-side by `matchesFilter`.
 */
export function toEsdbFilter(
  filter: EventFilter | undefined,
  checkpoints: { checkpointInterval?: number; checkpointReached?: (subscription: AllStreamSubscription, position: Position) => void } = {},
): Filter | undefined {
  if (filter?.streamPrefixes && filter.streamPrefixes.length > 0) return streamNameFilter({ prefixes: [...filter.streamPrefixes], ...checkpoints });
  if (filter?.eventTypes && filter.eventTypes.length > 0) {
    return eventTypeFilter({ regex: `^(?:${filter.eventTypes.map(escapeRegex).join('|')})$`, ...checkpoints });
  }
  return undefined;
}

export function matchesFilter(event: RecordedEvent, filter: EventFilter | undefined): boolean {
  if (filter?.streamPrefixes && filter.streamPrefixes.length > 0 && !filter.streamPrefixes.some((prefix) => event.streamId.startsWith(prefix))) {
    return false;
  }
  if (filter?.eventTypes && filter.eventTypes.length > 0 && !filter.eventTypes.includes(event.type)) return false;
  return true;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
