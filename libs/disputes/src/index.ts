// The only import surface of the disputes context.
export * from './disputes.errors';
export { DisputesModule } from './disputes.module';
export { disputesSchema } from './disputes.schema';
export type { DisputeEvent, DisputeEffect, DisputeKind, DisputeStatus, DisputeResolution } from './domain/dispute.events';
export { DISPUTE_CATEGORY, DISPUTE_EVENT_TYPES } from './domain/dispute.events';
export { disputeStream } from './domain/dispute.streams';
// The subject access export (audit) lists a voter's cases through it.
export { DisputeCasesReader } from './queries/dispute-cases.reader';
export type { DisputeCaseView } from './queries/dispute-cases.reader';
