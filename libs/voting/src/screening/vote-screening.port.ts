/**
 * Fraud screening of a vote before it is recorded. The fraud context provides the real adapter
 * (EXTERNAL_VOTE_SCREENING); without it every vote is accepted. `hold` records the vote without
 * counting it on the leaderboard; `reject` refuses it with 403 vote-rejected.
 */
export type ScreeningVerdict = 'allow' | 'hold' | 'reject';

export interface VoteScreeningInput {
  tenantId: string;
  userId: string;
  contestId: string;
  contestantId: string;
  amount: number;
  clientIp: string | null;
  /** The client's device fingerprint hash (X-Device-Fingerprint), when it sent one. */
  deviceFingerprint: string | null;
  userAgent: string | null;
}

/** One signal's part in a screening score, as the screening recorded it. */
export interface ScreeningFactor {
  signal: string;
  risk: number;
  weight: number;
  contribution: number;
  reason: string;
  inputs: Record<string, string | number | boolean | null>;
}

/** What the screening decided and why, stored in the vote's own VoteCast so it can be audited and replayed. */
export interface ScreeningRecord {
  score: number;
  decision: 'accept' | 'hold' | 'reject';
  factors: ScreeningFactor[];
  modelVersion: string;
}

export interface ScreeningOutcome {
  verdict: ScreeningVerdict;
  /** Null when nothing was scored (AllowAllScreening). */
  record: ScreeningRecord | null;
}

export interface VoteScreening {
  /** May answer synchronously so the hot path awaits nothing when there is nothing to wait for. */
  screen(input: VoteScreeningInput): ScreeningOutcome | Promise<ScreeningOutcome>;
}

export const VOTE_SCREENING = Symbol('VoteScreening');

/**
 * A screening another context provides globally (fraud's scorer). Optional: voting uses it when
 * it is there and not null (FRAUD_SCREENING_ENABLED=false gives null), AllowAllScreening otherwise.
 */
export const EXTERNAL_VOTE_SCREENING = Symbol('ExternalVoteScreening');

const ALLOWED: ScreeningOutcome = { verdict: 'allow', record: null };

export class AllowAllScreening implements VoteScreening {
  screen(): ScreeningOutcome {
    return ALLOWED;
  }
}
