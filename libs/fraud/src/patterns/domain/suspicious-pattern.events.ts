import { DomainEvent } from '@tally/eventstore';

/**
 * What pattern detection can find across votes already cast:
 * - `ip-cluster-metronomic`: many accounts voting from one address for one contestant at a
 *   machine's regular beat — voided;
 * - `ip-cluster`: many accounts from one address for one contestant, irregular timing — held for review.
 */
export type PatternType = 'ip-cluster-metronomic' | 'ip-cluster';
export type PatternAction = 'void' | 'hold';

export interface PatternVote {
  voteId: string;
  userId: string;
  amount: number;
  castAt: string;
}

/** Why the finding was made, in numbers an auditor can check against the votes. */
export interface PatternEvidence {
  clientIp: string;
  accounts: number;
  votes: number;
  firstVoteAt: string;
  lastVoteAt: string;
  /** Mean and coefficient of variation (stddev / mean) of the gaps between consecutive votes. */
  meanGapMs: number;
  gapCv: number;
  /** The thresholds the finding met. */
  rule: { minAccounts: number; maxGapCv: number; windowMinutes: number };
}

/** One finding; stream `fraudcase-<tenant>.<findingId>`, appended once (its id comes from its votes). */
export type SuspiciousPatternDetected = DomainEvent<
  'SuspiciousPatternDetected',
  {
    findingId: string;
    patternType: PatternType;
    action: PatternAction;
    contestId: string;
    contestantId: string;
    votes: PatternVote[];
    evidence: PatternEvidence;
    detectedAt: string;
  }
>;

export type FraudCaseEvent = SuspiciousPatternDetected;
export const FRAUD_CASE_CATEGORY = 'fraudcase';
export const FRAUD_CASE_EVENT_TYPES: readonly FraudCaseEvent['type'][] = ['SuspiciousPatternDetected'];
