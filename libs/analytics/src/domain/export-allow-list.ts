/**
 * What leaves Tally for each exported event type, field by field: an allow-list, so a field added
 * to an event later stays inside until someone lists it here. `pseudonymize` fields hold user
 * ids and leave as pseudonyms (pseudonym.ts). Left out on purpose: free-text reasons (an
 * organiser or reviewer may type a name), idempotency keys, request fingerprints, vote hashes,
 * fraud screening, balances and payment references; names of people never appear in these events.
 */
export interface ExportedFields {
  /** Copied as they are (a missing field stays missing). */
  readonly copy: readonly string[];
  /** User ids, replaced by the tenant's pseudonym of them. */
  readonly pseudonymize: readonly string[];
}

const VOTE = ['voteId', 'contestId', 'contestantId', 'categoryId', 'amount'];

export const EXPORT_ALLOW_LIST = {
  ContestCreated: { copy: ['contestId', 'name', 'startDate', 'endDate', 'voteCap', 'currency', 'createdAt'], pseudonymize: [] },
  ContestStatusChanged: { copy: ['contestId', 'from', 'to', 'by', 'at'], pseudonymize: [] },
  CategoryAdded: { copy: ['contestId', 'categoryId', 'name', 'weight', 'at'], pseudonymize: [] },
  ContestantAdded: { copy: ['contestId', 'contestantId', 'categoryId', 'name', 'slug', 'at'], pseudonymize: [] },
  VoteCast: { copy: [...VOTE, 'freeUsed', 'paidUsed', 'day', 'status', 'castAt'], pseudonymize: ['userId'] },
  VoteRefunded: { copy: [...VOTE, 'freeReturned', 'paidReturned', 'wasCounted', 'by', 'at'], pseudonymize: ['userId'] },
  VoteVoided: { copy: [...VOTE, 'reason', 'wasCounted', 'at'], pseudonymize: ['userId'] },
  VoteHeldForReview: { copy: [...VOTE, 'at'], pseudonymize: ['userId'] },
  HeldVoteReleased: { copy: [...VOTE, 'at'], pseudonymize: ['userId'] },
  HeldVoteRejected: { copy: [...VOTE, 'at'], pseudonymize: ['userId'] },
  CreditsGranted: { copy: ['grantId', 'credits', 'at'], pseudonymize: ['userId'] },
  CreditsRevoked: { copy: ['revokeId', 'credits', 'at'], pseudonymize: ['userId'] },
} as const satisfies Record<string, ExportedFields>;

export type ExportedEventType = keyof typeof EXPORT_ALLOW_LIST;

export const EXPORTED_EVENT_TYPES = Object.keys(EXPORT_ALLOW_LIST) as ExportedEventType[];

/** The streams those events live in (voting's contests and voters). */
export const EXPORTED_STREAM_PREFIXES = ['contest-', 'voter-'];

export function isExportedEventType(type: string): type is ExportedEventType {
  return Object.prototype.hasOwnProperty.call(EXPORT_ALLOW_LIST, type);
}
