import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { QueryBus } from '@nestjs/cqrs';
import { GetLeaderboardQuery } from '@tally/voting';
import { BlockchainAnchors } from '../chain/publish/blockchain-anchors';
import { MikroORM } from '@mikro-orm/postgresql';
import { LogEntry } from '../log/domain/log-entry';
import { LogProofs } from '../receipts/log-proofs';
import { TreeHeadStore } from '../tree-heads/tree-head-store';
import { CONTEST_LOG_FORMAT, ContestLogLine } from './contest-log-format';

const PAGE = 5000;

/**
 * Writes a contest's public log (contest-log-format.ts) line by line, paging through the leaves.
 * Reads anchoring's own tables (merkle_logs, tree_heads, vote_hashes: each leaf's canonical entry
 * is kept there) and the published tally through voting's public leaderboard query, never
 * another context's tables.
 */
@Injectable()
export class ContestExporter {
  constructor(
    private readonly orm: MikroORM,
    private readonly heads: TreeHeadStore,
    private readonly proofs: LogProofs,
    private readonly modules: ModuleRef,
    private readonly queries: QueryBus,
  ) {}

  /** Resolves to the number of leaves written; null when the contest has no log. */
  async export(contestId: string, write: (line: ContestLogLine) => Promise<void> | void): Promise<number | null> {
    const [log] = await this.sql<{ tenant_id: string; tree_size: string }>('select tenant_id, tree_size from merkle_logs where contest_id = ?', [contestId]);
    if (!log) return null;
    const tenantId = log.tenant_id;
    const heads = await this.heads.all(tenantId, contestId);
    // Leaves up to the newest head: a leaf appended since is not signed yet, and appears in the next export.
    const leaves = heads.length ? heads[heads.length - 1].treeSize : 0;
    await write({ type: 'log', format: CONTEST_LOG_FORMAT, tenantId, contestId, leaves, logKey: await this.proofs.publicKey(tenantId), exportedAt: new Date().toISOString() });
    for (const head of heads) await write({ type: 'head', ...head });
    for (let from = 0; from < leaves; from += PAGE) {
      const rows = await this.sql<{ leaf_index: string; vote_hash: Buffer; entry: string }>(
        'select leaf_index, vote_hash, entry from vote_hashes where contest_id = ? and leaf_index >= ? and leaf_index < ? order by leaf_index',
        [contestId, from, Math.min(from + PAGE, leaves)],
      );
      for (const row of rows) await write({ type: 'leaf', index: Number(row.leaf_index), hash: row.vote_hash.toString('hex'), entry: JSON.parse(row.entry) as LogEntry });
    }
    // The confirmed chain anchors, when this process anchors on a chain (libs/anchoring/README.md "Export shape").
    const anchors = this.anchors();
    if (anchors) for (const anchor of await anchors.exportContest(tenantId, contestId)) await write({ ...anchor, type: 'anchor' });
    // The published tally: the leaderboard's count per contestant, as GET /api/leaderboard/event/{id} shows it.
    const board = await this.queries.execute(new GetLeaderboardQuery(tenantId, contestId));
    const counts = [...board.items].sort((a, b) => a.contestantId.localeCompare(b.contestantId)).map((item) => [item.contestantId, item.votes] as const);
    await write({ type: 'tally', source: 'leaderboard', counts: Object.fromEntries(counts) });
    return leaves;
  }

  private anchors(): BlockchainAnchors | null {
    try {
      return this.modules.get(BlockchainAnchors, { strict: false });
    } catch {
      return null;
    }
  }

  private sql<Row>(sql: string, params: unknown[]): Promise<Row[]> {
    return this.orm.em.getConnection('write').execute<Row[]>(sql, params);
  }
}
