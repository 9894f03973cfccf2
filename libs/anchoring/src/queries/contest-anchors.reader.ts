import { Injectable } from '@nestjs/common';
import { BlockchainAnchors } from '../chain/publish/blockchain-anchors';
import { treeHeadDigest } from '../tree-heads/signed-tree-head';
import { TreeHeadStore } from '../tree-heads/tree-head-store';

/** A contest's verifiability as another context shows it (e.g. audit's compliance report). */
export interface ContestAnchorsSummary {
  /** The newest signed tree head of the contest's Merkle log; null when it has none yet. */
  latestHead: { treeSize: number; rootHash: string; timestamp: string; keyId: string; headDigest: string } | null;
  /** Every anchor of a head on a chain, smallest tree first, whatever its status (pending, sent, confirmed). */
  anchors: {
    anchorId: string;
    trigger: string;
    status: string;
    treeSize: number;
    rootHash: string;
    headDigest: string;
    chain: string;
    chainId: number;
    txHash: string | null;
    blockNumber: number | null;
    confirmations: number;
    confirmedAt: string | null;
  }[];
}

/** The query port (token and shape) other contexts inject; AnchoringModule (global) provides it. */
export const CONTEST_ANCHORS = Symbol('ContestAnchors');

export interface ContestAnchors {
  ofContest(tenantId: string, contestId: string): Promise<ContestAnchorsSummary>;
}

/** Reads tree_heads and blockchain_anchors (both filled only where the Merkle log and a chain run: empty otherwise). */
@Injectable()
export class ContestAnchorsReader implements ContestAnchors {
  constructor(
    private readonly heads: TreeHeadStore,
    private readonly chainAnchors: BlockchainAnchors,
  ) {}

  async ofContest(tenantId: string, contestId: string): Promise<ContestAnchorsSummary> {
    const [head, anchors] = await Promise.all([this.heads.latest(tenantId, contestId), this.chainAnchors.ofContest(tenantId, contestId)]);
    return {
      latestHead: head && { treeSize: head.treeSize, rootHash: head.rootHash, timestamp: head.timestamp, keyId: head.keyId, headDigest: treeHeadDigest(head).toString('hex') },
      anchors: anchors.map((anchor) => ({
        anchorId: anchor.anchorId,
        trigger: anchor.trigger,
        status: anchor.status,
        treeSize: anchor.treeSize,
        rootHash: anchor.rootHash,
        headDigest: anchor.contentHash,
        chain: anchor.chain,
        chainId: anchor.chainId,
        txHash: anchor.txHash,
        blockNumber: anchor.blockNumber,
        confirmations: anchor.confirmations,
        confirmedAt: anchor.confirmedAt,
      })),
    };
  }
}
