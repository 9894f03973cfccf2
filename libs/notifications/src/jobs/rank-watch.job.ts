import { Inject } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { MikroORM } from '@mikro-orm/postgresql';
import { RegisteredJob, ScheduledJob } from '@tally/jobs';
import { Clock, CLOCK, commandMetadata, deterministicUuid } from '@tally/platform';
import { GetLeaderboardQuery, LeaderboardItem } from '@tally/voting';
import { NoteRankChangeCommand } from '../commands/note-rank-change/note-rank-change.command';
import { rankWatchStep } from '../domain/rank-watch';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../notifications.config';

interface WatchRow {
  tenant_id: string;
  contest_id: string;
  user_id: string;
  favourite_contestant_id: string;
  watched_contestant_id: string | null;
  last_rank: number | null;
  user_last_notice_at: Date | string | null;
}

/** Favourites looked at per run; the rest wait for the next run (the oldest notices first). */
const MAX_WATCHED = 10_000;

/**
 * Rank changes of each voter's favourite (the contestant of their latest vote) in open events,
 * for voters with a device: every PUSH_RANK_WATCH_INTERVAL_MS it compares the leaderboard's ranks
 * with `notification_rank_watch` and notes a FavouriteRankChanged for a move, at most one per
 * voter per PUSH_RANK_CHANGE_MIN_MINUTES (rankWatchStep). The leaderboard's ranks are read through
 * voting's GetLeaderboardQuery, once per event per run.
 */
@RegisteredJob()
export class RankWatchJob implements ScheduledJob {
  readonly name = 'notifications.rank-watch';
  readonly schedule: ScheduledJob['schedule'];

  constructor(
    private readonly orm: MikroORM,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {
    this.schedule = { everyMs: config.rankWatchIntervalMs };
  }

  async run(): Promise<{ watched: number; noted: number; held: number }> {
    const now = this.clock.now();
    const rows = await this.watched();
    const boards = new Map<string, Map<string, LeaderboardItem>>();
    const notifiedThisRun = new Set<string>();
    let noted = 0;
    let held = 0;
    for (const row of rows) {
      const board = await this.board(boards, row.tenant_id, row.contest_id);
      const item = board.get(row.favourite_contestant_id);
      if (!item) continue;
      const userKey = `${row.tenant_id}|${row.user_id}`;
      const userLastNoticeAt = notifiedThisRun.has(userKey) ? now : row.user_last_notice_at ? new Date(row.user_last_notice_at) : null;
      const watched = row.watched_contestant_id && row.last_rank !== null ? { contestantId: row.watched_contestant_id, lastRank: row.last_rank } : null;
      const step = rankWatchStep({ contestantId: row.favourite_contestant_id, watched, userLastNoticeAt }, item.rank, now, this.config.rankChangeMinMinutes * 60_000);
      if (step.action === 'baseline') await this.remember(row, item.rank, null);
      if (step.action === 'wait') held++;
      if (step.action !== 'notify') continue;
      const noticeId = deterministicUuid('rank-notice', row.tenant_id, row.user_id, row.contest_id, row.favourite_contestant_id, String(step.from), String(step.to), String(row.user_last_notice_at ?? 'never'));
      const input = { userId: row.user_id, contestId: row.contest_id, contestantId: row.favourite_contestant_id, contestantName: item.name, from: step.from, to: step.to, noticeId };
      if (await this.commands.execute(new NoteRankChangeCommand(input, commandMetadata({ tenantId: row.tenant_id, actorId: null, clientIp: null })))) noted++;
      await this.remember(row, step.to, now);
      notifiedThisRun.add(userKey);
    }
    return { watched: rows.length, noted, held };
  }

  private watched(): Promise<WatchRow[]> {
    return this.orm.em.getConnection().execute<WatchRow[]>(
      `select p.tenant_id, p.contest_id, p.user_id, p.favourite_contestant_id, w.contestant_id as watched_contestant_id, w.last_rank,
              (select max(x.last_notified_at) from notification_rank_watch x where x.tenant_id = p.tenant_id and x.user_id = p.user_id) as user_last_notice_at
         from notification_participants p
         join notification_contests c on c.contest_id = p.contest_id and c.status = 'open'
         left join notification_rank_watch w on w.tenant_id = p.tenant_id and w.user_id = p.user_id and w.contest_id = p.contest_id
         left join notification_preferences pref on pref.tenant_id = p.tenant_id and pref.user_id = p.user_id
        where p.favourite_contestant_id is not null
          and exists (select 1 from push_devices d where d.tenant_id = p.tenant_id and d.user_id = p.user_id)
          and not ('rank-changed' = any(coalesce(pref.muted, '{}')))
        order by user_last_notice_at nulls first, p.contest_id, p.user_id
        limit ${MAX_WATCHED}`,
    );
  }

  private async board(boards: Map<string, Map<string, LeaderboardItem>>, tenantId: string, contestId: string): Promise<Map<string, LeaderboardItem>> {
    const cached = boards.get(contestId);
    if (cached) return cached;
    const view = await this.queries.execute(new GetLeaderboardQuery(tenantId, contestId));
    const board = new Map(view.items.map((item) => [item.contestantId, item]));
    boards.set(contestId, board);
    return board;
  }

  private async remember(row: WatchRow, rank: number, notifiedAt: Date | null): Promise<void> {
    await this.orm.em.getConnection().execute(
      `insert into notification_rank_watch (tenant_id, user_id, contest_id, contestant_id, last_rank, last_notified_at) values (?, ?, ?, ?, ?, ?)
       on conflict (tenant_id, user_id, contest_id) do update set contestant_id = excluded.contestant_id, last_rank = excluded.last_rank,
         last_notified_at = coalesce(excluded.last_notified_at, notification_rank_watch.last_notified_at)`,
      [row.tenant_id, row.user_id, row.contest_id, row.favourite_contestant_id, rank, notifiedAt],
    );
  }
}
