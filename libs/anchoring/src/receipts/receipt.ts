import { canonicalEntry, entryProblems, LogEntry } from '../log/domain/log-entry';
import { leafHash, verifyInclusion } from '../merkle/merkle';
import { SignedTreeHead } from '../tree-heads/signed-tree-head';
import { verifyTreeHeadSignature } from '../tree-heads/tree-head-signature';

/**
 * A vote receipt: the vote's leaf in its contest's log, the leaf's index, the RFC 9162
 * inclusion proof against a signed tree head, the head, and the tenant key that signed it.
 * Self-contained: `verifyReceipt` (and `npm run cli -- verify:receipt`) checks it offline.
 */
export interface VoteReceipt {
  /** The vote id: the id POST /api/votes answered with. */
  receiptId: string;
  voteId: string;
  contestId: string;
  leafIndex: number;
  /** The leaf's canonical entry and its RFC 9162 leaf hash (hex). */
  leaf: { entry: LogEntry; hash: string };
  /** Hex hashes, leaf to root. */
  inclusionProof: string[];
  treeHead: SignedTreeHead;
  /** The tenant log key (raw Ed25519, base64); compare keyId with GET /.well-known/tally/tenants/{id}/log-key. */
  logKey: { keyId: string; publicKey: string };
}

export interface ReceiptVerification {
  valid: boolean;
  checks: {
    /** The entry is well-formed and hashes to the leaf hash. */
    leafHash: boolean;
    /** The entry is about this receipt's vote and contest. */
    leafMatchesVote: boolean;
    /** The inclusion proof leads from the leaf to the head's root (RFC 9162 §2.1.3.2). */
    inclusion: boolean;
    /** The head is signed by the key given (or the receipt's own key when none is given). */
    signature: boolean;
  };
  problems: string[];
}

/** Checks a receipt; `trustedKey` (raw Ed25519) replaces the key the receipt carries, as an auditor who fetched it would. */
export function verifyReceipt(receipt: VoteReceipt, trustedKey?: Buffer): ReceiptVerification {
  const problems: string[] = [];
  const entryIssues = entryProblems(receipt.leaf?.entry);
  problems.push(...entryIssues.map((p) => `leaf entry: ${p}`));
  const hash = entryIssues.length === 0 ? leafHash(canonicalEntry(receipt.leaf.entry)) : null;
  const leafOk = !!hash && hash.toString('hex') === receipt.leaf.hash;
  if (hash && !leafOk) problems.push('the leaf entry does not hash to the leaf hash');
  const matches = entryIssues.length === 0 && receipt.leaf.entry.voteId === receipt.voteId && receipt.leaf.entry.contestId === receipt.contestId && receipt.treeHead?.contestId === receipt.contestId;
  if (!matches) problems.push('the leaf, the receipt and the head do not name the same vote and contest');
  let inclusion = false;
  try {
    inclusion = !!hash && verifyInclusion(receipt.leafIndex, receipt.treeHead.treeSize, hash, receipt.inclusionProof.map(fromHex), fromHex(receipt.treeHead.rootHash));
  } catch {
    inclusion = false;
  }
  if (!inclusion) problems.push(`the inclusion proof does not lead from leaf ${receipt.leafIndex} to the root of the head of size ${receipt.treeHead?.treeSize}`);
  let signature = false;
  try {
    signature = verifyTreeHeadSignature(receipt.treeHead, trustedKey ?? Buffer.from(receipt.logKey.publicKey, 'base64'));
  } catch {
    signature = false;
  }
  if (!signature) problems.push('the tree head signature does not verify with the log key');
  return { valid: leafOk && matches && inclusion && signature, checks: { leafHash: leafOk, leafMatchesVote: matches, inclusion, signature }, problems };
}

function fromHex(hex: string): Buffer {
  if (typeof hex !== 'string' || !/^[0-9a-f]*$/i.test(hex)) throw new Error('not hex');
  return Buffer.from(hex, 'hex');
}
