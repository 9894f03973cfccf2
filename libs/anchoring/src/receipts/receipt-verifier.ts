import { Injectable } from '@nestjs/common';
import type { VoteReceiptVerifier } from '@tally/voting';
import { AnchoringError } from '../anchoring.errors';
import { LogProofs } from './log-proofs';
import { ReceiptVerification, VoteReceipt, verifyReceipt } from './receipt';

/** What is wrong with the shape of a would-be receipt, field by field (empty: it can be checked). */
export function receiptShapeProblems(value: unknown): Array<{ field: string; message: string }> {
  const r = value as Record<string, unknown>;
  const problems: Array<{ field: string; message: string }> = [];
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  for (const field of ['voteId', 'contestId'] as const) if (typeof r[field] !== 'string') problems.push({ field: `receipt.${field}`, message: 'must be a string' });
  if (!Number.isSafeInteger(r.leafIndex) || (r.leafIndex as number) < 0) problems.push({ field: 'receipt.leafIndex', message: 'must be a whole number ≥ 0' });
  if (!isObject(r.leaf) || !isObject(r.leaf.entry) || typeof r.leaf.hash !== 'string') problems.push({ field: 'receipt.leaf', message: 'must be { entry, hash }' });
  if (!Array.isArray(r.inclusionProof) || !r.inclusionProof.every((h) => typeof h === 'string' && /^[0-9a-f]{64}$/i.test(h)) || r.inclusionProof.length > 64) {
    problems.push({ field: 'receipt.inclusionProof', message: 'must be a list of at most 64 hex SHA-256 hashes' });
  }
  const head = r.treeHead;
  if (!isObject(head) || !Number.isSafeInteger(head.treeSize) || (head.treeSize as number) < 1 || typeof head.rootHash !== 'string' || !/^[0-9a-f]{64}$/.test(head.rootHash)) {
    problems.push({ field: 'receipt.treeHead', message: 'must be a signed tree head (treeSize ≥ 1, rootHash 64 hex digits, …)' });
  } else {
    for (const field of ['tenantId', 'contestId', 'timestamp', 'signature', 'keyId'] as const) if (typeof head[field] !== 'string') problems.push({ field: `receipt.treeHead.${field}`, message: 'must be a string' });
  }
  return problems;
}

/**
 * POST /api/votes/verify with a receipt: the receipt's own checks, with the head's signature
 * checked against this tenant's published log key (never the key the receipt carries).
 */
@Injectable()
export class ReceiptVerifier implements VoteReceiptVerifier {
  constructor(private readonly proofs: LogProofs) {}

  async verify(tenantId: string, receipt: object): Promise<ReceiptVerification> {
    const problems = receiptShapeProblems(receipt);
    if (problems.length > 0) throw new AnchoringError('ANCHORING.INVALID_INPUT', 'That is not a vote receipt', { errors: problems });
    const r = receipt as VoteReceipt;
    const key = await this.proofs.publicKey(tenantId);
    const verdict = verifyReceipt(r, key ? Buffer.from(key.publicKey, 'base64') : Buffer.alloc(32));
    if (r.treeHead.tenantId === tenantId) return verdict;
    return { valid: false, checks: { ...verdict.checks, signature: false }, problems: [...verdict.problems, 'the head is not of this tenant'] };
  }
}
