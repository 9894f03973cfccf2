import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { Sql, TenantKeys } from '../keys/tenant-keys';
import { ContestLog } from '../log/merkle-log-batch';
import { SignedTreeHead, TreeHeads } from './signed-tree-head';
import { signTreeHead } from './tree-head-signature';

interface HeadRow {
  tenant_id: string;
  contest_id: string;
  tree_size: string;
  root_hash: string;
  timestamp: string;
  signature: string;
  key_id: string;
}

const HEAD_COLUMNS = 'tenant_id, contest_id, tree_size, root_hash, timestamp, signature, key_id';

export function headOf(row: HeadRow): SignedTreeHead {
  return {
    tenantId: row.tenant_id,
    contestId: row.contest_id,
    treeSize: Number(row.tree_size),
    rootHash: row.root_hash,
    timestamp: row.timestamp,
    signature: row.signature,
    keyId: row.key_id,
  };
}

/**
 * Signs and keeps tree heads. A head is signed with the tenant's log key for the log's size and
 * root at the end of each projection batch that grew the contest's log (and at its close), and
 * kept forever: heads are public history (receipts and anchors point at them), so the table is
 * not one the projection rebuilds.
 */
@Injectable()
export class TreeHeadStore implements TreeHeads {
  constructor(
    private readonly keys: TenantKeys,
    private readonly orm: MikroORM,
  ) {}

  async sign(sql: Sql, log: ContestLog, at: Date): Promise<SignedTreeHead> {
    const key = await this.keys.signingKey(sql, log.tenantId);
    const head = signTreeHead(
      { tenantId: log.tenantId, contestId: log.contestId, treeSize: log.treeSize, rootHash: log.root.toString('hex'), timestamp: at.toISOString(), keyId: key.keyId },
      key.privateKey,
    );
    // A head of this size exists already (a batch redelivered after a crash): the first one stands.
    await sql(
      `insert into tree_heads (${HEAD_COLUMNS}, created_at) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (contest_id, tree_size) do nothing`,
      [head.tenantId, head.contestId, head.treeSize, head.rootHash, head.timestamp, head.signature, head.keyId, at.toISOString()],
    );
    return head;
  }

  async latest(tenantId: string, contestId: string): Promise<SignedTreeHead | null> {
    const [row] = await this.read<HeadRow>(`select ${HEAD_COLUMNS} from tree_heads where contest_id = ? and tenant_id = ? order by tree_size desc limit 1`, [contestId, tenantId]);
    return row ? headOf(row) : null;
  }

  async latestSince(since?: Date): Promise<SignedTreeHead[]> {
    const rows = await this.read<HeadRow>(
      `select distinct on (contest_id) ${HEAD_COLUMNS} from tree_heads where created_at > ? order by contest_id, tree_size desc`,
      [(since ?? new Date(0)).toISOString()],
    );
    return rows.map(headOf);
  }

  /** The head of exactly this size (for consistency proofs between two heads). */
  async ofSize(tenantId: string, contestId: string, treeSize: number): Promise<SignedTreeHead | null> {
    const [row] = await this.read<HeadRow>(`select ${HEAD_COLUMNS} from tree_heads where contest_id = ? and tenant_id = ? and tree_size = ?`, [contestId, tenantId, treeSize]);
    return row ? headOf(row) : null;
  }

  /** Every head of a contest, oldest first (contest:export). */
  async all(tenantId: string, contestId: string): Promise<SignedTreeHead[]> {
    return (await this.read<HeadRow>(`select ${HEAD_COLUMNS} from tree_heads where contest_id = ? and tenant_id = ? order by tree_size`, [contestId, tenantId])).map(headOf);
  }

  private read<Row>(sql: string, params: unknown[]): Promise<Row[]> {
    // The primary: a head is read right after the worker wrote it (receipts, the anchor job).
    return this.orm.em.getConnection('write').execute<Row[]>(sql, params);
  }
}
