/**
 * Checks a vote receipt (POST /api/votes/verify with `{ receipt }`). The anchoring context,
 * which issues receipts, provides it; voting only routes the request, so the two contexts do
 * not import each other. Absent (no anchoring): receipts are refused as unsupported input.
 */
export const VOTE_RECEIPT_VERIFIER = Symbol('VoteReceiptVerifier');

export interface VoteReceiptVerifier {
  /** The verdict for a receipt of this tenant (`valid` plus the checks made); throws a domain error for a malformed one. */
  verify(tenantId: string, receipt: object): Promise<{ valid: boolean }>;
}
