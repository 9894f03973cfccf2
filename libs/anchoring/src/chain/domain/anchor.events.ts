import { DomainEvent } from '@tally/eventstore';
import type { AnchorTrigger } from '../publish/blockchain-anchors';

/**
 * An anchor of a signed tree head reached its confirmations on the chain, for the first time (a
 * re-anchoring after a reorganisation is the same anchor and records nothing new). Every vote
 * receipt of the contest whose leaf index is below `treeSize` is pinned to the chain from here
 * on. On the log so that other contexts can follow it (notifications tells the voters):
 * `blockchain_anchors` is this context's working table, not a public signal.
 */
export type AnchorConfirmed = DomainEvent<
  'AnchorConfirmed',
  {
    anchorId: string;
    contestId: string;
    /** The head anchored covers leaves [0, treeSize) of the contest's Merkle log. */
    treeSize: number;
    rootHash: string;
    /** treeHeadDigest(head), hex: what the contract stored. */
    headDigest: string;
    trigger: AnchorTrigger;
    chain: string;
    chainId: number;
    txHash: string;
    blockNumber: number;
    blockHash: string;
    at: string;
  }
>;

export type AnchorEvent = AnchorConfirmed;
export const ANCHOR_EVENT_TYPES: readonly AnchorEvent['type'][] = ['AnchorConfirmed'];
/** Stream `anchor-<tenant>.<contestId>`: the confirmed anchors of one contest. */
export const ANCHOR_CATEGORY = 'anchor';
