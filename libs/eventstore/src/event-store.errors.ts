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
