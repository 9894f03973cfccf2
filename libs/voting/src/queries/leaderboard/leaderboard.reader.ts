import { Inject, Injectable, Optional } from '@nestjs/common';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { byNameThenId, competitionRank } from '../../domain/competition-rank';
import { contestDecider } from '../../domain/contest.state';
import { contestStream } from '../../domain/voting.streams';
import { RANKING_EXTENSION, RankingExtension } from '../../ranking/ranking-extension.port';
import { RANKING_STORE, RankingStore } from '../../ranking/ranking-store.port';
import { ReadConnection } from '../../read-models/read-connection';
import { VOTING_CONFIG, VotingConfig } from '../../voting.config';
import { VotingError } from '../../voting.errors';
import { PublicContestantsReader } from '../get-contest/public-contestants.reader';
import { LeaderboardViewCache } from './leaderboard-view.cache';
import { SnapshotView } from './snapshot.view';

export type { SnapshotView } from './snapshot.view';

export interface LeaderboardItem {
  rank: number;
  contestantId: string;
  name: string;
  votes: number;
  /** Places gained (+) or lost (−) since the last recalculation; 0 when there was none. */
  change: number;
}

export interface LeaderboardView {
  eventId: string;
  asOf: string;
  items: LeaderboardItem[];
}

interface ContestantRankRow {
  contestant_id: string;
  name: string;
  vote_count: string | number;
  baseline: number | null;
}

/**
 * Live counts from the RankingStore (Redis sorted sets, or in-process), names and the ranks of
 * the last recalculation from PostgreSQL. A cold or incomplete cache is refilled from
 * `leaderboard_cache`, which the same projection keeps. A built view is shared by the readers of
 * the next LEADERBOARD_CACHE_MS (LeaderboardViewCache).
 */
@Injectable()
export class LeaderboardReader {
  private readonly views: LeaderboardViewCache<LeaderboardView>;

  constructor(
    private readonly db: ReadConnection,
    private readonly runner: CommandRunner,
    private readonly approvals: PublicContestantsReader,
    @Inject(RANKING_STORE) private readonly ranking: RankingStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(VOTING_CONFIG) config: VotingConfig,
    @Optional() @Inject(RANKING_EXTENSION) private readonly extension?: RankingExtension,
  ) {
    this.views = new LeaderboardViewCache(config.leaderboardCacheMs);
  }

  /** `fresh`: the caller sent a log position (read-your-writes), so a view built before it was applied will not do. */
  forContest(tenantId: string, contestId: string, fresh = false): Promise<LeaderboardView> {
    if (fresh) this.views.invalidate(`${tenantId}:${contestId}`);
    return this.views.get(`${tenantId}:${contestId}`, () => this.build(tenantId, contestId, fresh));
  }

  /** After a recalculation here: the next read shows the new baseline at once. */
  invalidate(tenantId: string, contestId: string): void {
    this.views.invalidate(`${tenantId}:${contestId}`);
  }

  private async build(tenantId: string, contestId: string, fresh: boolean): Promise<LeaderboardView> {
    const [live, rows] = await Promise.all([
      this.ranking.read(tenantId, contestId, fresh),
      this.db.query<ContestantRankRow>(
        // The name moderation shows (an approval, a post-moderated rename, a takedown), else the one the public saw at the add.
        `select c.contestant_id, coalesce(n.name, c.name) as name, l.vote_count, b.rank as baseline
           from contestants c join leaderboard_cache l on l.rank_id = c.contestant_id
           left join rank_baselines b on b.event_id = c.event_id and b.contestant_id = c.contestant_id
           left join contestant_names n on n.contestant_id = c.contestant_id
          where c.tenant_id = ? and c.event_id = ?`,
        [tenantId, contestId],
      ),
    ]);
    if (rows.length === 0) await this.refuseUnknownContest(tenantId, contestId);
    let counts = live;
    if (!counts || counts.length !== rows.length) {
      counts = rows.map((row) => ({ contestantId: row.contestant_id, votes: Number(row.vote_count) }));
      if (rows.length > 0) await this.ranking.replace(tenantId, contestId, counts);
    }
    const byId = new Map(rows.map((row) => [row.contestant_id, row]));
    const entries = counts.flatMap((entry) => {
      const row = byId.get(entry.contestantId);
      return row ? [{ contestantId: entry.contestantId, name: row.name, votes: entry.votes, baseline: row.baseline }] : [];
    });
    const items = competitionRank(entries, byNameThenId).map((entry) => ({
      rank: entry.rank,
      contestantId: entry.contestantId,
      name: entry.name,
      votes: entry.votes,
      change: entry.baseline === null ? 0 : entry.baseline - entry.rank,
    }));
    return { eventId: contestId, asOf: this.clock.now().toISOString(), items };
  }

  /** The tenant's open event (the one that opened last when several are open). */
  async openContestOf(tenantId: string): Promise<string> {
    const [row] = await this.db.query<{ event_id: string }>(
      `select event_id from events where tenant_id = ? and status = 'open' order by start_date desc, event_id desc limit 1`,
      [tenantId],
    );
    if (!row) throw new VotingError('VOTING.EVENT_NOT_FOUND', 'No event is open');
    return row.event_id;
  }

  async snapshot(tenantId: string, snapshotId: string): Promise<SnapshotView> {
    const [row] = await this.db.query<SnapshotRow>(
      'select snapshot_id, event_id, timestamp, reason, leaderboard_json from rank_snapshots where tenant_id = ? and snapshot_id = ?',
      [tenantId, snapshotId],
    );
    if (row) return (await this.withApprovedNames(tenantId, [snapshotView(row)]))[0];
    const extended = await this.extension?.snapshot(tenantId, snapshotId);
    if (!extended) throw new VotingError('VOTING.SNAPSHOT_NOT_FOUND', 'No such snapshot');
    return (await this.withApprovedNames(tenantId, [extended]))[0];
  }

  async snapshotsOf(tenantId: string, contestId: string): Promise<{ items: SnapshotView[] }> {
    const rows = await this.db.query<SnapshotRow>(
      'select snapshot_id, event_id, timestamp, reason, leaderboard_json from rank_snapshots where tenant_id = ? and event_id = ? order by timestamp desc',
      [tenantId, contestId],
    );
    const extended = (await this.extension?.snapshotsOf(tenantId, contestId)) ?? [];
    if (rows.length === 0 && extended.length === 0) await this.refuseUnknownContest(tenantId, contestId);
    const items = (await this.withApprovedNames(tenantId, [...rows.map(snapshotView), ...extended])).sort((a, b) => b.takenAt.localeCompare(a.takenAt) || b.snapshotId.localeCompare(a.snapshotId));
    return { items };
  }

  /**
   * A snapshot keeps the names the public saw when it was taken; a name moderation showed since then
   * (an approval, a rename, a takedown) is shown instead. Ranks and votes stay as they were frozen.
   */
  private async withApprovedNames(tenantId: string, snapshots: SnapshotView[]): Promise<SnapshotView[]> {
    const ids = [...new Set(snapshots.flatMap((snapshot) => snapshot.items.map((item) => item.contestantId)))];
    const names = await this.approvals.names(tenantId, ids);
    if (names.size === 0) return snapshots;
    return snapshots.map((snapshot) => ({ ...snapshot, items: snapshot.items.map((item) => ({ ...item, name: names.get(item.contestantId) ?? item.name })) }));
  }

  /** An empty list for an event that does not exist would hide a wrong id: 404 instead. */
  private async refuseUnknownContest(tenantId: string, contestId: string): Promise<void> {
    const { state } = await this.runner.load(contestDecider, contestStream(tenantId, contestId));
    if (!state.exists) throw new VotingError('VOTING.EVENT_NOT_FOUND', 'No such event');
  }
}

interface SnapshotRow {
  snapshot_id: string;
  event_id: string;
  timestamp: Date | string;
  reason: string;
  leaderboard_json: { rank: number; contestantId: string; name: string; votes: number | string }[] | string;
}

function snapshotView(row: SnapshotRow): SnapshotView {
  const items = typeof row.leaderboard_json === 'string' ? (JSON.parse(row.leaderboard_json) as Exclude<SnapshotRow['leaderboard_json'], string>) : row.leaderboard_json;
  return {
    snapshotId: row.snapshot_id,
    eventId: row.event_id,
    takenAt: new Date(row.timestamp).toISOString(),
    reason: row.reason,
    items: items.map((item) => ({ rank: item.rank, contestantId: item.contestantId, name: item.name, votes: Number(item.votes) })),
  };
}
