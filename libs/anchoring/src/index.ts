// The only import surface of the anchoring context.
export * from './anchoring.errors';
export { AnchoringModule } from './anchoring.module';
export { anchoringSchema } from './anchoring.schema';
export * from './chain';
export { TREE_HEADS, treeHeadBytes, treeHeadDigest } from './tree-heads/signed-tree-head';
export type { SignedTreeHead, TreeHeads, UnsignedTreeHead } from './tree-heads/signed-tree-head';
export { verifyReceipt } from './receipts/receipt';
export type { VoteReceipt, ReceiptVerification } from './receipts/receipt';
export { verifyConsistency, verifyInclusion, leafHash, MemoryMerkleTree } from './merkle/merkle';
export { verifyTreeHeadSignature } from './tree-heads/tree-head-signature';
export { TenantKeys } from './keys/tenant-keys';
export { ballotSnapshotContext } from './snapshots/ballot-snapshots';
export type { Ballot } from './snapshots/ballot-snapshots';
export { canonicalEntry } from './log/domain/log-entry';
export type { LogEntry, LogEntryKind } from './log/domain/log-entry';
