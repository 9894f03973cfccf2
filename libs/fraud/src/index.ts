// The only import surface of the fraud context.
export * from './fraud.errors';
export { fraudSchema } from './fraud.schema';
export { FraudModule } from './fraud.module';
export type { FraudDecision, FraudSettings, FraudSettingsChanged, FraudSettingsEvent, SignalName, StoredFactor, VoteScreenedOut } from './domain/fraud.events';
export { FRAUD_SCREENING_CATEGORY, FRAUD_SETTINGS_CATEGORY, FRAUD_SETTINGS_EVENT_TYPES, SIGNAL_NAMES } from './domain/fraud.events';
export { PatternDetectionJob } from './patterns/jobs/pattern-detection.job';
export type { SuspiciousPatternDetected, PatternType, PatternAction, PatternEvidence } from './patterns/domain/suspicious-pattern.events';
export { FRAUD_CASE_CATEGORY, FRAUD_CASE_EVENT_TYPES } from './patterns/domain/suspicious-pattern.events';
