import { createHash } from 'node:crypto';

/**
 * A signed tree head (RFC 9162 §4.10, in Tally's words): the size and root of one contest's
 * Merkle log at a moment, signed by the tenant's Ed25519 log key. A head is public: receipts
 * prove inclusion against it, auditors check consistency between two of them, and its digest
 * (treeHeadDigest) is what goes on the chain.
 */
export interface SignedTreeHead {
  tenantId: string;
  contestId: string;
  /** Number of leaves the root covers. */
  treeSize: number;
  /** The RFC 9162 root hash (MTH of the first treeSize leaves), lower-case hex; for size 0 the SHA-256 of nothing. */
  rootHash: string;
  /** When the head was signed, ISO-8601 UTC with milliseconds. */
  timestamp: string;
  /** Ed25519 signature over treeHeadBytes(head), base64url. */
  signature: string;
  /** The tenant log key that signed it: hex SHA-256 of the raw 32-byte public key. */
  keyId: string;
}

/** What a signature covers: every field of the head but the signature itself. */
export type UnsignedTreeHead = Omit<SignedTreeHead, 'signature'>;

const TREE_HEAD_LABEL = 'tally-tree-head-v1';

/**
 * The canonical bytes of a head: a fixed label and the fields in a fixed order, one per line
 * (no field can hold a newline: ids are UUIDs or slugs, the root and key id are hex, the size a
 * decimal integer, the time ISO-8601). Signed by the tenant key and hashed for anchoring.
 */
export function treeHeadBytes(head: UnsignedTreeHead): Buffer {
  for (const [name, value] of Object.entries({ tenantId: head.tenantId, contestId: head.contestId, timestamp: head.timestamp, keyId: head.keyId })) {
    if (/[\n\r]/.test(value)) throw new Error(`A tree head's ${name} cannot hold a line break`);
  }
  if (!Number.isSafeInteger(head.treeSize) || head.treeSize < 0) throw new Error(`Bad tree size ${head.treeSize}`);
  if (!/^[0-9a-f]{64}$/.test(head.rootHash)) throw new Error('A tree head root is 64 lower-case hex digits');
  return Buffer.from([TREE_HEAD_LABEL, head.tenantId, head.contestId, String(head.treeSize), head.rootHash, head.timestamp, head.keyId].join('\n'), 'utf8');
}

/** SHA-256 of the head's canonical bytes: the 32 bytes anchored on the chain. */
export function treeHeadDigest(head: UnsignedTreeHead): Buffer {
  return createHash('sha256').update(treeHeadBytes(head)).digest();
}

/** Where the latest signed head of a contest comes from (the anchor publish job asks here). */
export const TREE_HEADS = Symbol('TreeHeads');

export interface TreeHeads {
  /** The newest signed head of the contest, or null when its log has none yet. */
  latest(tenantId: string, contestId: string): Promise<SignedTreeHead | null>;
  /** The newest signed head of every contest whose newest head is later than `since` (all when omitted). */
  latestSince(since?: Date): Promise<SignedTreeHead[]>;
}
