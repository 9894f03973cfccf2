import { Injectable } from '@nestjs/common';
import { Envelope, sealEnvelope, uuidv7 } from '@tally/platform';
import { Sql, TenantKeys } from '../keys/tenant-keys';
import { LogEntry } from '../log/domain/log-entry';
import { TallyReplay } from '../log/domain/tally-replay';
import { ContestLog } from '../log/merkle-log-batch';

/** One ballot as the snapshot keeps it: who voted what, and where the vote stood at the close. */
export interface Ballot {
  voteId: string;
  userId: string;
  contestantId: string;
  amount: number;
  castAt: string;
  final: 'counted' | 'held' | 'gone';
}

/** What the ballots are sealed to: opening them under another contest, size or root fails the GCM tag. */
export function ballotSnapshotContext(tenantId: string, contestId: string, treeSize: number, merkleRoot: string): string {
  return `${tenantId}|ballot-snapshot|${contestId}|${treeSize}|${merkleRoot}`;
}

/**
 * `ballot_snapshots` at a contest's close: every ballot of the contest (with the voter, which the
 * public log leaves out) as JSON, sealed with AES-256-GCM under the tenant's snapshot key (its id
 * recorded) and bound, as additional data, to the log's final size and root.
 */
@Injectable()
export class BallotSnapshots {
  constructor(
    private readonly keys: TenantKeys,
  ) {}

  async lock(sql: Sql, log: ContestLog, at: Date): Promise<void> {
    const rows = await sql<{ user_id: string; entry: string }>(`select user_id, entry from vote_hashes where contest_id = ? and leaf_index < ? order by leaf_index`, [log.contestId, log.treeSize]);
    const replay = new TallyReplay();
    const voters = new Map<string, { userId: string; castAt: string }>();
    for (const row of rows) {
      const entry = JSON.parse(row.entry) as LogEntry;
      replay.apply(entry);
      if (entry.kind === 'vote-cast') voters.set(entry.voteId, { userId: row.user_id, castAt: entry.at });
    }
    const ballots: Ballot[] = [...replay.voteStates()].map(([voteId, vote]) => ({
      voteId,
      userId: voters.get(voteId)!.userId,
      contestantId: vote.contestantId,
      amount: vote.amount,
      castAt: voters.get(voteId)!.castAt,
      final: vote.state,
    }));
    const key = await this.keys.snapshotKey(sql, log.tenantId);
    const root = log.root.toString('hex');
    const sealed: Envelope = sealEnvelope(key.key, key.keyId, ballotSnapshotContext(log.tenantId, log.contestId, log.treeSize, root), JSON.stringify(ballots));
    await sql(
      `insert into ballot_snapshots (snapshot_id, tenant_id, event_id, tree_size, merkle_root, key_id, ballots, encrypted_json, locked_at)
       values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?) on conflict (event_id, tree_size) do nothing`,
      [uuidv7(), log.tenantId, log.contestId, log.treeSize, root, key.keyId, ballots.length, JSON.stringify(sealed), at.toISOString()],
    );
  }
}
