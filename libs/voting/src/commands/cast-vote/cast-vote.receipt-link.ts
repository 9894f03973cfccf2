import type { CastVoteResponse } from '../../domain/voter.state';

/**
 * Where a vote's receipt is (issue 16): the receipt id is the vote id, and the anchoring context
 * serves it at GET /api/votes/{voteId}/receipt once a signed tree head covers the vote. Built
 * from the vote id alone, so the hot path pays no query for it; kept out of the voter state so
 * the remembered responses (idempotent replays) stay as small as they were.
 */
export interface VoteReceiptLink {
  receiptId: string;
  receiptUrl: string;
}

export type CastVoteReply = CastVoteResponse & VoteReceiptLink;

export function withReceiptLink(response: CastVoteResponse): CastVoteReply {
  return { ...response, receiptId: response.voteId, receiptUrl: `/api/votes/${response.voteId}/receipt` };
}
