import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { Clock, CLOCK } from '@tally/platform';
import { RankingExtension, SnapshotView } from '@tally/voting';
import { SnapshotItem } from '../domain/judging.events';
import { ScoringReader } from '../queries/scoring.reader';
import { RankingKind } from './scoring-ranking';

const KINDS: readonly RankingKind[] = ['blended', 'jury'];

interface SnapshotRow {
  snapshot_id: string;
  event_id: string;
  reason: string;
  taken_at: Date | string;
  items: SnapshotItem[] | string;
}

/**
 * Scoring's part of the ranking engine, plugged into voting's (RANKING_EXTENSION): the
 * 30-second recalculation stores the blended and jury ranks of every event whose scoring is
 * not final as the baseline of `change`; the leaderboard's snapshot endpoints serve the
 * blended snapshots, once the jury scores are revealed.
 */
@Injectable()
export class ScoringRankings implements RankingExtension {
  constructor(
    private readonly orm: MikroORM,
    private readonly reader: ScoringReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async recalculateOpen(): Promise<number> {
    const contests = await this.orm.em
      .getConnection()
      .execute<{ event_id: string; tenant_id: string }[]>(`select event_id, tenant_id from scoring_contests where finalised_at is null order by event_id`);
    let ranked = 0;
    for (const { event_id: contestId, tenant_id: tenantId } of contests) {
      const view = await this.reader.judging(tenantId, contestId).catch(() => null);
      if (!view || !['open', 'closed'].includes(view.contest.status)) continue;
      const now = this.clock.now().toISOString();
      for (const kind of KINDS) {
        const items = await this.reader.ranking(kind, view, tenantId);
        for (const item of items) {
          await this.orm.em.getConnection().execute(
            `insert into scoring_rank_baselines (event_id, ranking, contestant_id, tenant_id, rank, recalculated_at) values (?, ?, ?, ?, ?, ?)
             on conflict (event_id, ranking, contestant_id) do update set rank = excluded.rank, recalculated_at = excluded.recalculated_at`,
            [contestId, kind, item.contestantId, tenantId, item.rank, now],
          );
        }
        ranked += items.length;
      }
    }
    return ranked;
  }

  async snapshotsOf(tenantId: string, contestId: string): Promise<SnapshotView[]> {
    const rows = await this.orm.em.getConnection().execute<SnapshotRow[]>(
      `select s.snapshot_id, s.event_id, s.reason, s.taken_at, s.items from scoring_snapshots s join scoring_contests c on c.event_id = s.event_id
        where s.tenant_id = ? and s.event_id = ? and c.revealed_at is not null order by s.taken_at desc, s.snapshot_id desc`,
      [tenantId, contestId],
    );
    return rows.map(snapshotView);
  }

  async snapshot(tenantId: string, snapshotId: string): Promise<SnapshotView | null> {
    const [row] = await this.orm.em.getConnection().execute<SnapshotRow[]>(
      `select s.snapshot_id, s.event_id, s.reason, s.taken_at, s.items from scoring_snapshots s join scoring_contests c on c.event_id = s.event_id
        where s.tenant_id = ? and s.snapshot_id = ? and c.revealed_at is not null`,
      [tenantId, snapshotId],
    );
    return row ? snapshotView(row) : null;
  }
}

function snapshotView(row: SnapshotRow): SnapshotView {
  const items = typeof row.items === 'string' ? (JSON.parse(row.items) as SnapshotItem[]) : row.items;
  return {
    snapshotId: row.snapshot_id,
    eventId: row.event_id,
    takenAt: new Date(row.taken_at).toISOString(),
    reason: row.reason,
    ranking: 'blended',
    items: items.map(({ rank, contestantId, name, votes, juryScore, score }) => ({ rank, contestantId, name, votes, juryScore, score })),
  };
}
