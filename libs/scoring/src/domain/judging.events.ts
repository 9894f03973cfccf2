import { DomainEvent } from '@tally/eventstore';

/** How a score type's raw values become 0–100 (libs/scoring/README.md "Normalisation"). */
export type CalculationMethod = 'min-max' | 'z-score' | 'rank-based';
export const CALCULATION_METHODS: readonly CalculationMethod[] = ['min-max', 'z-score', 'rank-based'];

/** The phases a contest's jury may score, in the order they run. */
export type PhaseName = 'preliminary' | 'semi-final' | 'final';
export const PHASE_NAMES: readonly PhaseName[] = ['preliminary', 'semi-final', 'final'];

/** Why a ranking snapshot was frozen. */
export type SnapshotReason = 'phase-end' | 'close' | 'finalised' | 'on-demand';

export type ScoreTypeDefined = DomainEvent<
  'ScoreTypeDefined',
  { contestId: string; scoreTypeId: string; name: string; scaleMin: number; scaleMax: number; weight: number; calculationMethod: CalculationMethod; at: string }
>;

/**
 * `carryOver` (0–1): the share of the previous phase's jury score carried into this one
 * (0 = a fresh start). `weights`: this phase's own score-type weights (types not named keep
 * their default weight).
 */
export type PhaseDefined = DomainEvent<'PhaseDefined', { contestId: string; phase: PhaseName; carryOver: number; weights: Record<string, number>; at: string }>;

export type JudgeAssigned = DomainEvent<'JudgeAssigned', { contestId: string; phase: PhaseName; judgeId: string; at: string }>;

export type ScoreSubmitted = DomainEvent<
  'ScoreSubmitted',
  { contestId: string; phase: PhaseName; judgeId: string; scoreId: string; contestantId: string; scoreTypeId: string; value: number; at: string }
>;

/** The judge's scores of the phase are final; `commitment` = SHA-256(canonical scores + salt), published at once, the salt only at the reveal. */
export type JudgeScoresLocked = DomainEvent<
  'JudgeScoresLocked',
  { contestId: string; phase: PhaseName; judgeId: string; commitment: string; salt: string; scoreCount: number; at: string }
>;

/** A correction by an organizer, in points on the 0–100 phase score, with its reason. */
export type ScoreAdjusted = DomainEvent<
  'ScoreAdjusted',
  { contestId: string; phase: PhaseName; adjustmentId: string; contestantId: string; points: number; reason: string; by: string | null; at: string }
>;

export type PhaseClosed = DomainEvent<'PhaseClosed', { contestId: string; phase: PhaseName; at: string }>;

/** The published blend of jury and public vote (e.g. 50/50). */
export type BlendConfigured = DomainEvent<'BlendConfigured', { contestId: string; juryWeight: number; publicWeight: number; at: string }>;

export interface RevealedCommitment {
  phase: PhaseName;
  judgeId: string;
  commitment: string;
  salt: string;
  /** The exact bytes (UTF-8) that were hashed with the salt. */
  canonical: string;
}

export type JuryScoresRevealed = DomainEvent<'JuryScoresRevealed', { contestId: string; reveals: RevealedCommitment[]; at: string }>;

export type ScoringFinalised = DomainEvent<'ScoringFinalised', { contestId: string; at: string }>;

export interface SnapshotItem {
  rank: number;
  contestantId: string;
  name: string;
  votes: number;
  juryScore: number;
  score: number;
}

/** A ranking frozen at a milestone, with the numbers as they stood (served by the leaderboard's snapshot endpoints once revealed). */
export type RankingSnapshotTaken = DomainEvent<
  'RankingSnapshotTaken',
  { contestId: string; snapshotId: string; reason: SnapshotReason; phase: PhaseName | null; items: SnapshotItem[]; at: string }
>;

export type JudgingEvent =
  | ScoreTypeDefined
  | PhaseDefined
  | JudgeAssigned
  | ScoreSubmitted
  | JudgeScoresLocked
  | ScoreAdjusted
  | PhaseClosed
  | BlendConfigured
  | JuryScoresRevealed
  | ScoringFinalised
  | RankingSnapshotTaken;
export type JudgingEventType = JudgingEvent['type'];
export const JUDGING_EVENT_TYPES: readonly JudgingEventType[] = [
  'ScoreTypeDefined',
  'PhaseDefined',
  'JudgeAssigned',
  'ScoreSubmitted',
  'JudgeScoresLocked',
  'ScoreAdjusted',
  'PhaseClosed',
  'BlendConfigured',
  'JuryScoresRevealed',
  'ScoringFinalised',
  'RankingSnapshotTaken',
];

export const JUDGING_CATEGORY = 'judging';
