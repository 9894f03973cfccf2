/**
 * An event as the pure domain sees it: a type and its data. Contexts declare closed unions of
 * these (`VoterEvent = VoteCast | CreditsGranted | …`). `id` may be set when the event must be
 * idempotent across retries (e.g. a credit grant derived from a payment id).
 */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
  readonly id?: string;
  readonly schemaVersion?: number;
}
