// The only import surface of the anchoring context.
export * from './anchoring.errors';
export { AnchoringModule } from './anchoring.module';
export { anchoringSchema } from './anchoring.schema';
export { TREE_HEADS, treeHeadBytes, treeHeadDigest } from './tree-heads/signed-tree-head';
export type { SignedTreeHead, TreeHeads, UnsignedTreeHead } from './tree-heads/signed-tree-head';
