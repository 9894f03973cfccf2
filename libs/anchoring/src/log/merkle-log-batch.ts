import { inlineArray, UnnestColumns, unnestRows } from '@tally/eventstore';
import { frontier, leafHash, MerkleAppender } from '../merkle/merkle';
import { Sql } from '../keys/tenant-keys';
import { canonicalEntry } from './domain/log-entry';
import { LogLeaf } from './log-leaves';

/** A contest's log as this batch leaves it. */
export interface ContestLog {
  tenantId: string;
  contestId: string;
  treeSize: number;
  root: Buffer;
}

interface LeafRow {
  hash_id: string;
  tenant_id: string;
  contest_id: string;
  leaf_index: number;
  vote_id: string;
  kind: string;
  user_id: string;
  vote_hash: string;
  entry: string;
  created_at: string;
}

interface NodeRow {
  contest_id: string;
  level: number;
  idx: number;
  hash: string;
}

const LEAF_COLUMNS: UnnestColumns<LeafRow> = {
  hash_id: 'uuid',
  tenant_id: 'text',
  contest_id: 'uuid',
  leaf_index: 'bigint',
  vote_id: 'uuid',
  kind: 'text',
  user_id: 'text',
  vote_hash: 'text',
  entry: 'text',
  created_at: 'timestamptz',
};
const NODE_COLUMNS: UnnestColumns<NodeRow> = { contest_id: 'uuid', level: 'integer', idx: 'bigint', hash: 'text' };

interface OpenLog {
  tenantId: string;
  appender: MerkleAppender;
}

/**
 * One projection batch of appends to the contests' logs, folded in memory: each contest's
 * frontier (≤ log2 n hashes) is loaded once, every leaf appended computes the perfect subtrees
 * it completes, and flush() writes the batch's leaves, nodes and new sizes with three
 * statements whatever the number of leaves.
 */
export class MerkleLogBatch {
  private readonly logs = new Map<string, OpenLog>();
  private leaves: LeafRow[] = [];
  private nodes: NodeRow[] = [];
  private readonly touched = new Set<string>();

  constructor(private readonly sql: Sql) {}

  /** Loads the sizes and frontiers of these contests (those not loaded yet) in two queries. */
  async open(contestIds: readonly string[]): Promise<void> {
    const missing = [...new Set(contestIds)].filter((id) => !this.logs.has(id));
    if (missing.length === 0) return;
    const sizes = await this.sql<{ contest_id: string; tenant_id: string; tree_size: string }>(
      `select contest_id, tenant_id, tree_size from merkle_logs where contest_id = any(${inlineArray(missing, 'uuid')})`,
      [],
    );
    const wanted = sizes.flatMap((row) => frontier(Number(row.tree_size)).map(([level, idx]) => ({ contest: row.contest_id, level, idx })));
    const hashes = new Map<string, Buffer>();
    if (wanted.length > 0) {
      const found = await this.sql<{ contest_id: string; level: number; idx: string; hash: Buffer }>(
        `select n.contest_id, n.level, n.idx, n.hash from merkle_nodes n
           join unnest(${inlineArray(wanted.map((w) => w.contest), 'uuid')}, ${inlineArray(wanted.map((w) => w.level), 'integer')}, ${inlineArray(wanted.map((w) => w.idx), 'bigint')})
             as w(contest_id, level, idx) on n.contest_id = w.contest_id and n.level = w.level and n.idx = w.idx`,
        [],
      );
      for (const row of found) hashes.set(`${row.contest_id}:${row.level}:${row.idx}`, row.hash);
    }
    for (const row of sizes) {
      const size = Number(row.tree_size);
      const stack = frontier(size).map(([level, idx]) => {
        const hash = hashes.get(`${row.contest_id}:${level}:${idx}`);
        if (!hash) throw new Error(`Merkle log of contest ${row.contest_id} misses node (${level}, ${idx}) of its frontier at size ${size}`);
        return hash;
      });
      this.logs.set(row.contest_id, { tenantId: row.tenant_id, appender: new MerkleAppender(size, stack) });
    }
  }

  append(leaf: LogLeaf, eventId: string): void {
    const contestId = leaf.entry.contestId;
    let log = this.logs.get(contestId);
    if (!log) {
      log = { tenantId: leaf.tenantId, appender: new MerkleAppender() };
      this.logs.set(contestId, log);
    }
    const index = log.appender.treeSize;
    const hash = leafHash(canonicalEntry(leaf.entry));
    for (const node of log.appender.append(hash)) this.nodes.push({ contest_id: contestId, level: node.level, idx: node.index, hash: node.hash.toString('hex') });
    this.leaves.push({
      hash_id: eventId,
      tenant_id: leaf.tenantId,
      contest_id: contestId,
      leaf_index: index,
      vote_id: leaf.entry.voteId,
      kind: leaf.entry.kind,
      user_id: leaf.userId,
      vote_hash: hash.toString('hex'),
      entry: canonicalEntry(leaf.entry).toString('utf8'),
      created_at: leaf.entry.at,
    });
    this.touched.add(contestId);
  }

  /** The contest's log as appended so far in this batch (null: it has no leaf). */
  state(contestId: string): ContestLog | null {
    const log = this.logs.get(contestId);
    if (!log || log.appender.treeSize === 0) return null;
    return { tenantId: log.tenantId, contestId, treeSize: log.appender.treeSize, root: log.appender.root() };
  }

  /** Writes what was appended since the last flush; returns the contests it changed. */
  async flush(at: Date): Promise<ContestLog[]> {
    if (this.leaves.length === 0) return [];
    const leaves = unnestRows(LEAF_COLUMNS, this.leaves);
    await this.sql(
      `insert into vote_hashes (${leaves.columns}) select hash_id, tenant_id, contest_id, leaf_index, vote_id, kind, user_id, decode(vote_hash, 'hex'), entry, created_at from (${leaves.select}) s`,
      [],
    );
    const nodes = unnestRows(NODE_COLUMNS, this.nodes);
    await this.sql(`insert into merkle_nodes (${nodes.columns}) select contest_id, level, idx, decode(hash, 'hex') from (${nodes.select}) s`, []);
    const changed = [...this.touched].map((contestId) => this.state(contestId)!);
    const logs = unnestRows(
      { contest_id: 'uuid', tenant_id: 'text', tree_size: 'bigint', root_hash: 'text', updated_at: 'timestamptz' },
      changed.map((log) => ({ contest_id: log.contestId, tenant_id: log.tenantId, tree_size: log.treeSize, root_hash: log.root.toString('hex'), updated_at: at.toISOString() })),
    );
    await this.sql(
      `insert into merkle_logs (${logs.columns}) select contest_id, tenant_id, tree_size, decode(root_hash, 'hex'), updated_at from (${logs.select}) s
       on conflict (contest_id) do update set tree_size = excluded.tree_size, root_hash = excluded.root_hash, updated_at = excluded.updated_at`,
      [],
    );
    this.leaves = [];
    this.nodes = [];
    this.touched.clear();
    return changed;
  }
}
