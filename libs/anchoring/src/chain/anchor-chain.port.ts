/**
 * What goes on the chain for one signed tree head: the contest, the head's size and root, and
 * the SHA-256 of its canonical bytes (treeHeadDigest), all as the TallyAnchor contract takes them.
 */
export interface AnchorContent {
  contestId: string;
  treeSize: number;
  /** 64 lower-case hex digits. */
  rootHash: string;
  /** 64 lower-case hex digits: treeHeadDigest(head). */
  headDigest: string;
}

/** Where an anchor was sent: the transaction and who sent it where. */
export interface SentAnchor {
  txHash: string;
  publisher: string;
  contractAddress: string;
}

/**
 * What reading an anchor's transaction back found (verifyAnchorTransaction):
 * - `confirmed`: mined with the expected sender, contract, call data and Anchored log, its block
 *   still the canonical one at that height, at least the required confirmations deep;
 * - `mined`: all of that but not yet deep enough;
 * - `pending`: known to the node, not mined;
 * - `missing`: unknown to the node (never arrived, dropped, or taken out by a reorganisation);
 * - `reorged`: the receipt names a block that is no longer the canonical block at its height;
 * - `reverted`: mined and failed (status 0);
 * - `mismatch`: mined, but not our anchor (other sender, contract, data or log).
 */
export type AnchorInspection =
  | { state: 'confirmed' | 'mined'; blockNumber: number; blockHash: string; confirmations: number; blockTime: string }
  | { state: 'pending' | 'missing' }
  | { state: 'reorged' | 'reverted'; blockNumber: number; blockHash: string }
  | { state: 'mismatch'; problems: string[] };

/** Where on which chain an anchor is expected, for reading it back. */
export interface AnchorExpectation extends AnchorContent {
  txHash: string;
  publisher: string;
  contractAddress: string;
  /** Confirmations (blocks from the anchor's to the chain's head, both counted) that make it final. */
  minConfirmations: number;
}

/**
 * An EVM chain Tally anchors its signed tree heads on (EthersAnchorChain). `publish` only sends:
 * whether the anchor took is read back with `inspect`, as often as it takes (a reorganisation
 * can undo it after the fact).
 */
export interface AnchorChain {
  /** The chain's name in blockchain_anchors.chain (ANCHORING_CHAIN_NAME, or `evm-<chainId>`). */
  readonly name: string;
  readonly contractAddress: string;
  readonly confirmations: number;
  readonly chainId: number;
  /** The publishing account's address. */
  readonly publisher: string;
  publish(content: AnchorContent): Promise<SentAnchor>;
  inspect(expected: AnchorExpectation): Promise<AnchorInspection>;
  /** Lets go of the node (the process is stopping). */
  close(): void;
}

/** The configured chain, or null when anchoring on a chain is off (no ANCHORING_CHAIN_RPC_URL). */
export const ANCHOR_CHAIN = Symbol('AnchorChain');
