import { Inject } from '@nestjs/common';
import { Projection, ProjectionContext, RecordedEvent, RegisteredProjection } from '@tally/eventstore';
import { CLOCK, Clock } from '@tally/platform';
import { ContestEvent, WITHOUT_SCREENING } from '@tally/voting';
import { Sql } from '../keys/tenant-keys';
import { BallotSnapshots } from '../snapshots/ballot-snapshots';
import { TreeHeadStore } from '../tree-heads/tree-head-store';
import { MerkleLogBatch } from './merkle-log-batch';
import { LOGGED_EVENT_TYPES, logLeafOf } from './log-leaves';

/**
 * Each contest's Merkle log (RFC 9162): one leaf per change to the tally, in log order, with
 * every perfect subtree stored (merkle_nodes) so that any proof is O(log n) rows. At the end of
 * each batch the contests it grew get a signed tree head; at a close, the head of the final log
 * and the sealed ballot snapshot bound to its root. Heads and snapshots are history, written by
 * the live projection only (a rebuild makes the same tree, so the heads already signed hold).
 * Its lag is reported with every projection's (tally_projection_lag_seconds{projection="anchoring-merkle-log"}).
 */
@RegisteredProjection()
export class MerkleLogProjection implements Projection {
  readonly name = 'anchoring-merkle-log';
  readonly version = 1;
  readonly filter = { streamPrefixes: ['voter-', 'contest-'], eventTypes: [...LOGGED_EVENT_TYPES, 'ContestStatusChanged'] };
  readonly tables = ['vote_hashes', 'merkle_nodes', 'merkle_logs'];
  readonly omitData = WITHOUT_SCREENING;

  constructor(
    private readonly heads: TreeHeadStore,
    private readonly snapshots: BallotSnapshots,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async apply(events: readonly RecordedEvent[], { em, rebuilding }: ProjectionContext): Promise<void> {
    const sql: Sql = <Row>(statement: string, params: unknown[]) => em.execute<Row[]>(statement, params);
    const batch = new MerkleLogBatch(sql);
    const leaves = events.map((recorded) => (recorded.type === 'ContestStatusChanged' ? null : logLeafOf(recorded)));
    await batch.open(leaves.flatMap((leaf) => (leaf ? [leaf.entry.contestId] : [])));
    const now = this.clock.now();
    const signed = new Set<string>();
    const grown = new Set<string>();
    for (const [i, recorded] of events.entries()) {
      const leaf = leaves[i];
      if (leaf) {
        batch.append(leaf, recorded.id);
        continue;
      }
      const event = { type: recorded.type, data: recorded.data } as ContestEvent;
      if (event.type !== 'ContestStatusChanged' || event.data.to !== 'closed') continue;
      // The close: the log as it stands here is final; sign it and lock the ballots to its root.
      await batch.open([event.data.contestId]);
      for (const changed of await batch.flush(now)) grown.add(changed.contestId);
      const log = batch.state(event.data.contestId);
      if (!log || rebuilding) continue;
      await this.heads.sign(sql, log, now);
      await this.snapshots.lock(sql, log, now);
      signed.add(`${log.contestId}:${log.treeSize}`);
    }
    for (const changed of await batch.flush(now)) grown.add(changed.contestId);
    if (rebuilding) return;
    for (const contestId of grown) {
      const log = batch.state(contestId)!;
      if (!signed.has(`${log.contestId}:${log.treeSize}`)) await this.heads.sign(sql, log, now);
    }
  }
}
