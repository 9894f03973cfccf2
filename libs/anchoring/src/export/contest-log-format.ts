import type { LogEntry } from '../log/domain/log-entry';
import type { SignedTreeHead } from '../tree-heads/signed-tree-head';

/**
 * `contest:export` writes a contest's public log as JSON lines, in this order: one `log` header,
 * every signed `head` (oldest first), every `leaf` (by index), every `anchor` on a chain, and the
 * published `tally`. The verifier streams them in that order with O(log n) memory.
 */
export const CONTEST_LOG_FORMAT = 'tally-contest-log-v1';

export interface LogHeaderLine {
  type: 'log';
  format: typeof CONTEST_LOG_FORMAT;
  tenantId: string;
  contestId: string;
  leaves: number;
  /** The tenant's Ed25519 log key (raw, base64), as published at /.well-known/tally/tenants/{id}/log-key. */
  logKey: { keyId: string; publicKey: string } | null;
  exportedAt: string;
}

export interface HeadLine extends SignedTreeHead {
  type: 'head';
}

export interface LeafLine {
  type: 'leaf';
  index: number;
  /** The recorded RFC 9162 leaf hash (hex). */
  hash: string;
  entry: LogEntry;
}

/** A chain anchor as blockchain_anchors holds it (content_hash: hex treeHeadDigest of the head it anchors). */
export interface AnchorLine {
  type: 'anchor';
  [column: string]: unknown;
}

/** The tally the platform published (the leaderboard's votes per contestant). */
export interface TallyLine {
  type: 'tally';
  source: string;
  counts: Record<string, number>;
}

export type ContestLogLine = LogHeaderLine | HeadLine | LeafLine | AnchorLine | TallyLine;
