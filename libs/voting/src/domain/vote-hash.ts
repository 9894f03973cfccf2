import { createHash } from 'node:crypto';

export interface VoteHashFields {
  voteId: string;
  tenantId: string;
  userId: string;
  contestId: string;
  contestantId: string;
  amount: number;
  castAt: string;
}

/**
 * SHA-256 over the vote's canonical fields, joined in a fixed order by a separator that no
 * field can contain (ids are UUIDs, the time is ISO-8601). Anchoring will put these in a
 * Merkle tree later; verification recomputes it from the stored vote.
 */
export function voteHash(fields: VoteHashFields): string {
  const canonical = ['tally-vote-v1', fields.voteId, fields.tenantId, fields.userId, fields.contestId, fields.contestantId, String(fields.amount), fields.castAt].join('|');
  return createHash('sha256').update(canonical).digest('hex');
}
