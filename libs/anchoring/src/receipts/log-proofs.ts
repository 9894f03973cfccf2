import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { inlineArray, sqlLiteral } from '@tally/eventstore';
import { Sql } from '../keys/tenant-keys';
import { AnchoringError } from '../anchoring.errors';
import { LogEntry } from '../log/domain/log-entry';
import { consistencyProof, inclusionProof, nodesRead, rootHash, SubtreeHashes } from '../merkle/merkle';
import { SignedTreeHead } from '../tree-heads/signed-tree-head';
import { TreeHeadStore } from '../tree-heads/tree-head-store';
import { VoteReceipt } from './receipt';

export interface ConsistencyAnswer {
  first: SignedTreeHead;
  second: SignedTreeHead;
  proof: string[];
}

/**
 * Proofs served from the stored perfect subtrees: which nodes a proof needs depends on the
 * sizes only (nodesRead), so each proof is one query for its ≤ 2·log2(n) nodes, whatever the
 * size of the log. `queries` counts the statements, for bench/ to show it.
 */
@Injectable()
export class LogProofs {
  queries = 0;

  constructor(
    private readonly orm: MikroORM,
    private readonly heads: TreeHeadStore,
  ) {}

  /** The receipt of a vote (its vote-cast leaf) against the latest head; the caller's access is checked by `canSee`. */
  async receipt(tenantId: string, voteId: string, canSee: (voterId: string) => boolean): Promise<VoteReceipt> {
    const [leaf] = await this.query<{ contest_id: string; leaf_index: string; user_id: string; entry: string; vote_hash: Buffer }>(
      `select contest_id, leaf_index, user_id, entry, vote_hash from vote_hashes where vote_id = ? and tenant_id = ? and kind = 'vote-cast'`,
      [voteId, tenantId],
    );
    // Someone else's vote is "not found" rather than "forbidden": ids are not an oracle.
    if (!leaf || !canSee(leaf.user_id)) throw new AnchoringError('ANCHORING.RECEIPT_NOT_FOUND', 'No receipt for this vote yet: unknown, or not in the log yet (try again in a moment)', { voteId });
    const head = await this.heads.latest(tenantId, leaf.contest_id);
    this.queries++;
    const index = Number(leaf.leaf_index);
    if (!head || head.treeSize <= index) throw new AnchoringError('ANCHORING.RECEIPT_NOT_FOUND', 'The vote is in the log but no signed head covers it yet (try again in a moment)', { voteId });
    const nodes = await this.nodes(leaf.contest_id, nodesRead((n) => [inclusionProof(index, head.treeSize, n), rootHash(head.treeSize, n)]));
    const proof = inclusionProof(index, head.treeSize, nodes);
    if (rootHash(head.treeSize, nodes).toString('hex') !== head.rootHash) throw new Error(`The stored tree of contest ${leaf.contest_id} does not hash to its signed head of size ${head.treeSize}`);
    const key = await this.publicKey(tenantId);
    return {
      receiptId: voteId,
      voteId,
      contestId: leaf.contest_id,
      leafIndex: index,
      leaf: { entry: JSON.parse(leaf.entry) as LogEntry, hash: leaf.vote_hash.toString('hex') },
      inclusionProof: proof.map((hash) => hash.toString('hex')),
      treeHead: head,
      logKey: key!,
    };
  }

  /** RFC 9162 consistency proof between two signed heads of a contest (second omitted: the latest). */
  async consistency(tenantId: string, contestId: string, first: number, second?: number): Promise<ConsistencyAnswer> {
    const to = second === undefined ? await this.heads.latest(tenantId, contestId) : await this.heads.ofSize(tenantId, contestId, second);
    const from = await this.heads.ofSize(tenantId, contestId, first);
    this.queries += 2;
    if (!from || !to) throw new AnchoringError('ANCHORING.TREE_HEAD_NOT_FOUND', `No signed head of size ${!from ? first : second} for this event`, { first, second });
    if (from.treeSize > to.treeSize) throw new AnchoringError('ANCHORING.INVALID_INPUT', 'first must not be larger than second', { first, second });
    const nodes = await this.nodes(contestId, nodesRead((n) => consistencyProof(from.treeSize, to.treeSize, n)));
    return { first: from, second: to, proof: consistencyProof(from.treeSize, to.treeSize, nodes).map((hash) => hash.toString('hex')) };
  }

  /** The tenant's log key, or null before its first head. */
  async publicKey(tenantId: string): Promise<{ keyId: string; publicKey: string } | null> {
    const [row] = await this.query<{ key_id: string; public_key: string }>(`select key_id, public_key from anchoring_tenant_keys where tenant_id = ? and purpose = 'log-signing'`, [tenantId]);
    return row ? { keyId: row.key_id, publicKey: row.public_key } : null;
  }

  private nodes(contestId: string, wanted: Array<[number, number]>): Promise<SubtreeHashes> {
    return readNodes((sql, params) => this.query(sql, params), contestId, wanted);
  }

  private query<Row>(sql: string, params: unknown[]): Promise<Row[]> {
    this.queries++;
    return this.orm.em.getConnection('write').execute<Row[]>(sql, params);
  }
}

/** The stored perfect subtrees a proof needs (nodesRead), in one query; the accessor throws for a node not stored. */
export async function readNodes(sql: Sql, contestId: string, wanted: Array<[number, number]>): Promise<SubtreeHashes> {
  const found = new Map<string, Buffer>();
  if (wanted.length > 0) {
    const rows = await sql<{ level: number; idx: string; hash: Buffer }>(
      `select n.level, n.idx, n.hash from merkle_nodes n
         join unnest(${inlineArray(wanted.map(([level]) => level), 'integer')}, ${inlineArray(wanted.map(([, idx]) => idx), 'bigint')}) as w(level, idx)
           on n.level = w.level and n.idx = w.idx
        where n.contest_id = ${sqlLiteral(contestId)}`,
      [],
    );
    for (const row of rows) found.set(`${row.level}:${row.idx}`, row.hash);
  }
  return (level, index) => {
    const hash = found.get(`${level}:${index}`);
    if (!hash) throw new Error(`Merkle log of contest ${contestId} misses node (${level}, ${index})`);
    return hash;
  };
}
