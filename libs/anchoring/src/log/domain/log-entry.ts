/**
 * One leaf of a contest's Merkle log: a change to the contest's tally, in canonical bytes.
 * Every counted vote and every event that changes what counts (a held vote released or
 * rejected, a counted vote held for review, a refund, a void) is a leaf, so replaying the
 * leaves in order explains the whole tally. No voter identity: the log is public (the ballot
 * snapshot keeps who voted, encrypted). No framework here: the offline verifier uses this file.
 */
export const LOG_ENTRY_KINDS = ['vote-cast', 'held-vote-released', 'held-vote-rejected', 'vote-held-for-review', 'vote-refunded', 'vote-voided'] as const;
export type LogEntryKind = (typeof LOG_ENTRY_KINDS)[number];

export interface LogEntry {
  /** Format version of the canonical bytes. */
  v: 1;
  kind: LogEntryKind;
  /** The id of the domain event this leaf records (unique per leaf). */
  eventId: string;
  contestId: string;
  /** The vote the change is about; also the receipt id of a vote-cast leaf. */
  voteId: string;
  contestantId: string;
  amount: number;
  /** vote-cast: accepted (counts) or held (counts only once released). */
  status: 'accepted' | 'held' | null;
  /** vote-refunded / vote-voided: whether the vote counted until then. */
  wasCounted: boolean | null;
  /** vote-voided: credits-revoked or fraud; review decisions: the reviewer's reason; else null. */
  reason: string | null;
  /** When the change happened (the event's own time), ISO-8601 UTC. */
  at: string;
}

/**
 * The canonical bytes of an entry: JSON of exactly these fields in this order, so an entry
 * read back from an export hashes to the same leaf whatever order its fields were written in
 * and whatever else the line carries.
 */
export function canonicalEntry(entry: LogEntry): Buffer {
  const canonical: LogEntry = {
    v: entry.v,
    kind: entry.kind,
    eventId: entry.eventId,
    contestId: entry.contestId,
    voteId: entry.voteId,
    contestantId: entry.contestantId,
    amount: entry.amount,
    status: entry.status,
    wasCounted: entry.wasCounted,
    reason: entry.reason,
    at: entry.at,
  };
  return Buffer.from(JSON.stringify(canonical), 'utf8');
}

/** The entry's problems as a reader of an export sees them (empty: well-formed). */
export function entryProblems(value: unknown): string[] {
  const e = value as Partial<Record<keyof LogEntry, unknown>> | null;
  if (typeof e !== 'object' || e === null) return ['not an object'];
  const problems: string[] = [];
  if (e.v !== 1) problems.push('v must be 1');
  if (!LOG_ENTRY_KINDS.includes(e.kind as LogEntryKind)) problems.push(`unknown kind ${String(e.kind)}`);
  for (const field of ['eventId', 'contestId', 'voteId', 'contestantId', 'at'] as const) if (typeof e[field] !== 'string') problems.push(`${field} must be a string`);
  if (!Number.isSafeInteger(e.amount) || (e.amount as number) < 1) problems.push('amount must be a positive integer');
  if (e.status !== null && e.status !== 'accepted' && e.status !== 'held') problems.push('status must be accepted, held or null');
  if (e.wasCounted !== null && typeof e.wasCounted !== 'boolean') problems.push('wasCounted must be a boolean or null');
  if (e.reason !== null && typeof e.reason !== 'string') problems.push('reason must be a string or null');
  return problems;
}
