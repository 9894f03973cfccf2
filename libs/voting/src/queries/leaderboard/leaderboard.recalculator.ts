import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { Clock, CLOCK } from '@tally/platform';
import { RANKING_STORE, RankingStore } from '../../ranking/ranking-store.port';

/**
 * The recalculation (SPEC: every 30 s, and on demand): stores each open event's current ranks
 * as the baseline that `change` is measured against. On demand it also refills the live
 * ranking cache of the event from PostgreSQL (cache invalidation).
 */
@Injectable()
export class LeaderboardRecalculator {
  constructor(
    private readonly orm: MikroORM,
    @Inject(RANKING_STORE) private readonly ranking: RankingStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** All open events; skipped when another process is already doing it. */
  async recalculateOpen(): Promise<number> {
    return this.recalculate(null, false);
  }

  async recalculateContest(tenantId: string, contestId: string): Promise<number> {
    const count = await this.recalculate({ tenantId, contestId }, true);
    const rows = await this.orm.em
      .getConnection('write')
      .execute<{ contestant_id: string; vote_count: string }[]>('select contestant_id, vote_count from leaderboard_cache where tenant_id = ? and event_id = ?', [tenantId, contestId]);
    await this.ranking.replace(tenantId, contestId, rows.map((row) => ({ contestantId: row.contestant_id, votes: Number(row.vote_count) })));
    return count;
  }

  private async recalculate(contest: { tenantId: string; contestId: string } | null, wait: boolean): Promise<number> {
    const now = this.clock.now().toISOString();
    return this.orm.em.fork().transactional(async (em) => {
      if (wait) await em.execute(`select pg_advisory_xact_lock(hashtext('voting-leaderboard-recalc'))`);
      else {
        const [lock] = await em.execute<{ locked: boolean }[]>(`select pg_try_advisory_xact_lock(hashtext('voting-leaderboard-recalc')) as locked`);
        if (!lock?.locked) return 0;
      }
      const where = contest ? 'l.tenant_id = ? and l.event_id = ?' : `l.event_id in (select event_id from events where status = 'open')`;
      const rows = await em.execute<{ contestant_id: string }[]>(
        `insert into rank_baselines (event_id, contestant_id, tenant_id, rank, recalculated_at)
         select l.event_id, l.contestant_id, l.tenant_id, rank() over (partition by l.event_id order by l.vote_count desc), ?::timestamptz
           from leaderboard_cache l where ${where}
         on conflict (event_id, contestant_id) do update set rank = excluded.rank, recalculated_at = excluded.recalculated_at
         returning contestant_id`,
        contest ? [now, contest.tenantId, contest.contestId] : [now],
      );
      return rows.length;
    });
  }
}
