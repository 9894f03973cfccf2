/**
 * Where a vote's receipt is (issue 16): the receipt id is the vote id, and the anchoring context
 * serves it at GET /api/votes/{voteId}/receipt once a signed tree head covers the vote. Named by
 * a `Link` header (RFC 8288, rel="receipt") rather than new body fields: the 201's body is
 * API.md's contract, which clients and acceptance tests compare exactly. Built from the vote id
 * alone, so the hot path pays no query for it, and sent on idempotent replays too.
 */
export function receiptLink(voteId: string): string {
  return `</api/votes/${voteId}/receipt>; rel="receipt"`;
}
