import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { deterministicUuid } from '@tally/platform';
import { SignedTreeHead, treeHeadDigest } from '../../tree-heads/signed-tree-head';
import { AnchorChain, AnchorExpectation } from '../anchor-chain.port';

/**
 * An anchor's life: `pending` (recorded, not sent) → `sent` (a transaction is out, not yet deep
 * enough) → `confirmed`. A send that failed, was dropped, reverted or reorganised away goes back
 * to `pending` (its transaction kept in failed_tx_hashes) and is sent again.
 */
export type AnchorStatus = 'pending' | 'sent' | 'confirmed';

/** Why an anchor was recorded: the daily job, a contest's status change (its end: closed, finalized, cancelled), or the end of a judging phase. */
export type AnchorTrigger = 'daily' | 'contest-closed' | 'contest-finalized' | 'contest-cancelled' | 'phase-ended';

/** Why an attempt failed (tally_anchor_failures_total{reason}). */
export type AnchorFailure = 'unreachable' | 'dropped' | 'reorged' | 'reverted' | 'mismatch';

export interface AnchorRow {
  anchorId: string;
  contestId: string;
  tenantId: string;
  contentHash: string;
  treeSize: number;
  rootHash: string;
  head: SignedTreeHead;
  trigger: AnchorTrigger;
  chain: string;
  chainId: number;
  contractAddress: string;
  publisher: string;
  txHash: string | null;
  status: AnchorStatus;
  blockNumber: number | null;
  blockHash: string | null;
  confirmations: number;
  sends: number;
  failures: number;
  failedTxHashes: string[];
  lastError: string | null;
  timestamp: string | null;
  createdAt: string;
  confirmedAt: string | null;
}

/**
 * One anchor as contest:export writes it (a JSON line with "type": "anchor") and the offline
 * verifier reads it: the head it anchors, and where on which chain to read it back
 * (verifyAnchorTransaction). Only confirmed anchors are exported.
 */
export interface ExportedAnchor {
  type: 'anchor';
  anchorId: string;
  contestId: string;
  treeSize: number;
  rootHash: string;
  /** treeHeadDigest(head), hex: the headDigest argument on the chain. */
  headDigest: string;
  chain: string;
  chainId: number;
  contractAddress: string;
  publisher: string;
  txHash: string;
  blockNumber: number;
  blockHash: string;
  /** The time of the block that holds the anchor. */
  timestamp: string;
}

interface Row {
  anchor_id: string;
  event_id: string;
  tenant_id: string;
  content_hash: string;
  tree_size: string | number;
  root_hash: string;
  head: SignedTreeHead;
  trigger: AnchorTrigger;
  chain: string;
  chain_id: number;
  contract_address: string;
  publisher: string;
  tx_hash: string | null;
  status: AnchorStatus;
  block_number: string | number | null;
  block_hash: string | null;
  confirmations: number;
  sends: number;
  failures: number;
  failed_tx_hashes: string[];
  last_error: string | null;
  timestamp: Date | string | null;
  created_at: Date | string;
  confirmed_at: Date | string | null;
}

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

function anchorOf(row: Row): AnchorRow {
  return {
    anchorId: row.anchor_id,
    contestId: row.event_id,
    tenantId: row.tenant_id,
    contentHash: row.content_hash,
    treeSize: Number(row.tree_size),
    rootHash: row.root_hash,
    head: row.head,
    trigger: row.trigger,
    chain: row.chain,
    chainId: row.chain_id,
    contractAddress: row.contract_address,
    publisher: row.publisher,
    txHash: row.tx_hash,
    status: row.status,
    blockNumber: row.block_number === null ? null : Number(row.block_number),
    blockHash: row.block_hash,
    confirmations: row.confirmations,
    sends: row.sends,
    failures: row.failures,
    failedTxHashes: row.failed_tx_hashes,
    lastError: row.last_error,
    timestamp: iso(row.timestamp),
    createdAt: iso(row.created_at)!,
    confirmedAt: iso(row.confirmed_at),
  };
}

/** A namespace of anchor ids: the same head on the same chain always gets the same id. */
const ANCHOR_IDS = 'tally:anchoring:anchor';

/** SQL over blockchain_anchors (on the primary: the publisher reads what it just wrote). */
@Injectable()
export class BlockchainAnchors {
  constructor(private readonly orm: MikroORM) {}

  /** Records the anchor of a head on a chain, once: a second record of the same head returns the first row. */
  async record(head: SignedTreeHead, trigger: AnchorTrigger, chain: AnchorChain, at: Date): Promise<{ anchor: AnchorRow; created: boolean }> {
    const contentHash = treeHeadDigest(head).toString('hex');
    const anchorId = deterministicUuid(ANCHOR_IDS, chain.name, contentHash);
    const inserted = await this.sql<Row>(
      `insert into blockchain_anchors (anchor_id, event_id, tenant_id, content_hash, tree_size, root_hash, head, trigger, chain, chain_id, contract_address, publisher, status, created_at)
       values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, 'pending', ?) on conflict (chain, content_hash) do nothing returning *`,
      [anchorId, head.contestId, head.tenantId, contentHash, head.treeSize, head.rootHash, JSON.stringify(head), trigger, chain.name, chain.chainId, chain.contractAddress, chain.publisher, at.toISOString()],
    );
    if (inserted[0]) return { anchor: anchorOf(inserted[0]), created: true };
    return { anchor: (await this.find(anchorId))!, created: false };
  }

  async find(anchorId: string): Promise<AnchorRow | null> {
    const [row] = await this.sql<Row>('select * from blockchain_anchors where anchor_id = ?', [anchorId]);
    return row ? anchorOf(row) : null;
  }

  /** Every anchor of a contest, smallest tree first. */
  async ofContest(tenantId: string, contestId: string): Promise<AnchorRow[]> {
    return (await this.sql<Row>('select * from blockchain_anchors where tenant_id = ? and event_id = ? order by tree_size, created_at', [tenantId, contestId])).map(anchorOf);
  }

  /** The confirmed anchors of a contest in the export's shape (libs/anchoring/README.md "Anchoring on a chain"). */
  async exportContest(tenantId: string, contestId: string): Promise<ExportedAnchor[]> {
    return (await this.ofContest(tenantId, contestId)).filter((anchor) => anchor.status === 'confirmed').map(exportedAnchor);
  }

  /** Confirmed anchors whose confirmation is recent enough to be read back for a reorganisation. */
  async confirmedSince(since: Date): Promise<AnchorRow[]> {
    return (await this.sql<Row>("select * from blockchain_anchors where status = 'confirmed' and confirmed_at >= ? order by confirmed_at", [since.toISOString()])).map(anchorOf);
  }

  async markSent(anchorId: string, sent: { txHash: string; publisher: string; contractAddress: string }, at: Date): Promise<void> {
    await this.sql(
      `update blockchain_anchors set status = 'sent', tx_hash = ?, publisher = ?, contract_address = ?, sends = sends + 1, block_number = null, block_hash = null,
       confirmations = 0, timestamp = ?, last_error = null where anchor_id = ?`,
      [sent.txHash, sent.publisher, sent.contractAddress, at.toISOString(), anchorId],
    );
  }

  async markMined(anchorId: string, mined: { blockNumber: number; blockHash: string; confirmations: number; blockTime: string }, confirmed: boolean, at: Date): Promise<void> {
    await this.sql(
      `update blockchain_anchors set status = ?, block_number = ?, block_hash = ?, confirmations = ?, timestamp = ?, checked_at = ?,
       confirmed_at = case when ? then coalesce(confirmed_at, ?) else null end where anchor_id = ?`,
      [confirmed ? 'confirmed' : 'sent', mined.blockNumber, mined.blockHash, mined.confirmations, mined.blockTime, at.toISOString(), confirmed, at.toISOString(), anchorId],
    );
  }

  async markChecked(anchorId: string, confirmations: number, at: Date): Promise<void> {
    await this.sql('update blockchain_anchors set confirmations = ?, checked_at = ? where anchor_id = ?', [confirmations, at.toISOString(), anchorId]);
  }

  /** The attempt failed: back to pending, its transaction (if any) kept in failed_tx_hashes. */
  async markFailed(anchorId: string, failure: AnchorFailure, detail: string, at: Date): Promise<void> {
    await this.sql(
      `update blockchain_anchors set status = 'pending', failures = failures + 1,
       failed_tx_hashes = case when tx_hash is null then failed_tx_hashes else array_append(failed_tx_hashes, tx_hash) end,
       tx_hash = null, block_number = null, block_hash = null, confirmations = 0, confirmed_at = null, checked_at = ?, last_error = ? where anchor_id = ?`,
      [at.toISOString(), `${failure}: ${detail}`.slice(0, 500), anchorId],
    );
  }

  /** An attempt that could not reach the chain: the anchor stays as it was, with the error noted. */
  async noteError(anchorId: string, reason: AnchorFailure, detail: string): Promise<void> {
    await this.sql('update blockchain_anchors set failures = failures + 1, last_error = ? where anchor_id = ?', [`${reason}: ${detail}`.slice(0, 500), anchorId]);
  }

  /** Anchors by chain and status, and the age of the oldest not yet confirmed (the metrics). */
  async summary(): Promise<{ chain: string; status: AnchorStatus; count: number; oldestSeconds: number }[]> {
    const rows = await this.sql<{ chain: string; status: AnchorStatus; count: string; oldest: string | null }>(
      'select chain, status, count(*) as count, extract(epoch from (now() - min(created_at))) as oldest from blockchain_anchors group by chain, status',
      [],
    );
    return rows.map((row) => ({ chain: row.chain, status: row.status, count: Number(row.count), oldestSeconds: Number(row.oldest ?? 0) }));
  }

  private sql<Result>(statement: string, params: unknown[]): Promise<Result[]> {
    return this.orm.em.getConnection('write').execute<Result[]>(statement, params);
  }
}

/** Where and what to read back on the chain for an anchor that has a transaction. */
export function expectationOf(anchor: AnchorRow, minConfirmations: number): AnchorExpectation {
  if (anchor.txHash === null) throw new Error(`Anchor ${anchor.anchorId} has no transaction`);
  return {
    contestId: anchor.contestId,
    treeSize: anchor.treeSize,
    rootHash: anchor.rootHash,
    headDigest: anchor.contentHash,
    txHash: anchor.txHash,
    publisher: anchor.publisher,
    contractAddress: anchor.contractAddress,
    minConfirmations,
  };
}

export function exportedAnchor(anchor: AnchorRow): ExportedAnchor {
  if (anchor.txHash === null || anchor.blockNumber === null || anchor.blockHash === null || anchor.timestamp === null) throw new Error(`Anchor ${anchor.anchorId} is not on the chain`);
  return {
    type: 'anchor',
    anchorId: anchor.anchorId,
    contestId: anchor.contestId,
    treeSize: anchor.treeSize,
    rootHash: anchor.rootHash,
    headDigest: anchor.contentHash,
    chain: anchor.chain,
    chainId: anchor.chainId,
    contractAddress: anchor.contractAddress,
    publisher: anchor.publisher,
    txHash: anchor.txHash,
    blockNumber: anchor.blockNumber,
    blockHash: anchor.blockHash,
    timestamp: anchor.timestamp,
  };
}
