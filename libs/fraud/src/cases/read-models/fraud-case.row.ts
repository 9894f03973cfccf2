/** A `fraud_flags` row as SQL returns it. */
export interface FraudCaseRow {
  flag_id: string;
  tenant_id: string;
  vote_id: string;
  user_id: string;
  event_id: string;
  contestant_id: string;
  amount: number;
  reason: string;
  severity: string;
  status: string;
  source: string;
  score: number | null;
  signals: string[];
  factors: unknown[];
  finding_id: string | null;
  held_at: Date | string;
  decided_at: Date | string | null;
  decided_by: string | null;
  decision_reason: string | null;
}

export type CaseStatus = 'open' | 'approved' | 'rejected' | 'voided' | 'withdrawn';
export const CASE_STATUSES: readonly CaseStatus[] = ['open', 'approved', 'rejected', 'voided', 'withdrawn'];

/** A case as the API shows it. */
export interface FraudCaseView {
  caseId: string;
  voteId: string;
  userId: string;
  eventId: string;
  contestantId: string;
  amount: number;
  status: string;
  source: string;
  reason: string;
  severity: string;
  score: number | null;
  signals: string[];
  factors: unknown[];
  findingId: string | null;
  heldAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionReason: string | null;
}

const iso = (value: Date | string): string => new Date(value).toISOString();

export function fraudCaseView(row: FraudCaseRow): FraudCaseView {
  return {
    caseId: row.flag_id,
    voteId: row.vote_id,
    userId: row.user_id,
    eventId: row.event_id,
    contestantId: row.contestant_id,
    amount: Number(row.amount),
    status: row.status,
    source: row.source,
    reason: row.reason,
    severity: row.severity,
    score: row.score === null ? null : Number(row.score),
    signals: row.signals,
    factors: row.factors,
    findingId: row.finding_id,
    heldAt: iso(row.held_at),
    decidedAt: row.decided_at === null ? null : iso(row.decided_at),
    decidedBy: row.decided_by,
    decisionReason: row.decision_reason,
  };
}
