import { ExpectedRevision } from './event-store.port';

export class WrongExpectedVersionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's current revision; -1 when it does not exist. */
    readonly actual: number,
  ) {
    super(`Wrong expected version on ${streamId}: expected ${String(expected)}, actual ${actual}`);
    this.name = 'WrongExpectedVersionError';
  }
}

/** An append condition did not hold: nothing was appended. */
export class StreamConditionFailedError extends Error {
  /** A conflict: the caller re-reads the condition stream and decides again (HTTP 409 if it escapes). */
  readonly statusCode = 409;

  constructor(
    /** The stream the append was for. */
    readonly appendStreamId: string,
    /** The condition's stream. */
    readonly streamId: string,
    readonly expected: number | 'no_stream',
    /** The condition stream's current revision; -1 when it does not exist (or is soft-deleted). */
    readonly actual: number,
  ) {
    super(`Append to ${appendStreamId} refused: condition on ${streamId} expected ${String(expected)}, actual ${actual}`);
    this.name = 'StreamConditionFailedError';
  }
}

/** This store cannot enforce append conditions atomically, so it refuses them (EventStoreDB). */
export class AppendConditionsUnsupportedError extends Error {
  constructor(readonly streamId: string) {
    super(`This event store does not support append conditions (append to ${streamId}); nothing was appended`);
    this.name = 'AppendConditionsUnsupportedError';
  }
}

export class StreamNotFoundError extends Error {
  constructor(readonly streamId: string) {
    super(`Stream not found: ${streamId}`);
    this.name = 'StreamNotFoundError';
  }
}

export class StreamDeletedError extends Error {
  constructor(readonly streamId: string) {
    super(`Stream is permanently deleted: ${streamId}`);
    this.name = 'StreamDeletedError';
  }
}

/** The store could not be reached; HTTP maps it to 503 with Retry-After. */
export class EventStoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`Event store unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'EventStoreUnavailableError';
  }
}
