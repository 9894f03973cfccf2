// The only import surface of the scoring context.
export * from './scoring.errors';
export { ScoringModule } from './scoring.module';
export { scoringSchema } from './scoring.schema';
export type { JudgingEvent, CalculationMethod, PhaseName, SnapshotReason, SnapshotItem, RevealedCommitment } from './domain/judging.events';
export { JUDGING_CATEGORY, JUDGING_EVENT_TYPES, CALCULATION_METHODS, PHASE_NAMES } from './domain/judging.events';
export { judgingStream } from './domain/judging.streams';
export { canonicalScores, commitmentOf } from './domain/commitment';
