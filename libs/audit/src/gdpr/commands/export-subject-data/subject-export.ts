/**
 * What a subject gets for a right-of-access request: their own data from every context, as
 * JSON. Other people never appear by id: an actor that is not the subject is `staff` (or
 * `system`), and only the subject's own network is shown.
 */
export interface SubjectExport {
  subject: { tenantId: string; userId: string; exportedAt: string; requestedBy: 'subject' | 'staff' };
  /** Contact fields are null once the subject is erased (their key is gone): `status` says `erased` then. */
  profile: { email: string | null; phone: string | null; phoneVerified: boolean; phoneType: string | null; roles: string[]; status: string; registeredAt: string | null };
  sessions: { sessionId: string; method: string; startedAt: string; expiresAt: string; endedAt: string | null; endReason: string | null }[];
  votes: { voteId: string; eventId: string; contestantId: string; amount: number; paidAmount: number; freeAmount: number; channel: string; status: string; castAt: string; undoneAt: string | null }[];
  credits: { type: 'granted' | 'revoked'; credits: number; cause: string; at: string }[];
  payments: { paymentId: string; amount: unknown; votes: number | null; provider: string | null; startedAt: string | null; history: { type: string; at: string }[] }[];
  subscriptions: { stream: string; type: string; at: string; data: unknown }[];
  disputes: ExportedDispute[];
  /** The audit trail about the subject: their own acts and those on their account and ledger. */
  auditEntries: { action: string; resource: string; timestamp: string; actor: ExportedActor; ipNetwork: string | null; changes: unknown }[];
}

/** `you`: the subject; `staff`: someone else acting on it (never named); `system`: no person. */
export type ExportedActor = 'you' | 'staff' | 'system';

export interface ExportedDispute {
  caseId: string;
  kind: string;
  voteId: string | null;
  paymentId: string | null;
  reason: string;
  status: string;
  resolution: string | null;
  effect: unknown;
  openedBy: string;
  openedAt: string;
  closedAt: string | null;
}

export const actorFor = (actorId: string | null, subjectId: string): ExportedActor => (actorId === null ? 'system' : actorId === subjectId ? 'you' : 'staff');
