import { Inject } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Projection, ProjectionContext, RecordedEvent, RegisteredProjection } from '@tally/eventstore';
import { ContestEvent } from '../../domain/contest.events';
import { VoterEvent } from '../../domain/voter.events';
import { RANKING_STORE, RankingStore, RankingUpdate } from '../../ranking/ranking-store.port';
import { isRebuilding, recordset } from '../sql';

interface Pending {
  tenantId: string;
  contestId: string;
  delta: number;
  at: string;
}

/**
 * Votes per contestant: `contestants.votes_received`, `leaderboard_cache` (count and
 * competition rank) and the live sorted sets of the RankingStore; a `rank_snapshots` row when
 * an event closes. Deltas are summed per batch and applied in one UPDATE; the ranking store
 * gets the resulting absolute totals, so a redelivered batch writes the same values again.
 * Held votes do not count until released.
 */
@RegisteredProjection()
export class LeaderboardProjection implements Projection {
  readonly name = 'voting-leaderboard';
  readonly version = 1;
  readonly filter = {
    streamPrefixes: ['contest-', 'voter-'],
    eventTypes: ['ContestantAdded', 'ContestStatusChanged', 'VoteCast', 'VoteRefunded', 'VoteVoided'],
  };
  readonly tables = ['contestants', 'leaderboard_cache', 'rank_snapshots'];

  constructor(@Inject(RANKING_STORE) private readonly ranking: RankingStore) {}

  async apply(events: readonly RecordedEvent[], { em }: ProjectionContext): Promise<void> {
    const pending = new Map<string, Pending>();
    const touched = new Set<string>();
    const live: RankingUpdate[] = [];
    for (const recorded of events) {
      const event = { type: recorded.type, data: recorded.data } as ContestEvent | VoterEvent;
      const tenantId = recorded.metadata.tenantId;
      switch (event.type) {
        case 'ContestantAdded': {
          const d = event.data;
          await em.execute(
            `insert into contestants (contestant_id, tenant_id, event_id, name, slug, category_id, votes_received, created_at) values (?, ?, ?, ?, ?, ?, 0, ?)
             on conflict (contestant_id) do nothing`,
            [d.contestantId, tenantId, d.contestId, d.name, d.slug, d.categoryId, d.at],
          );
          await em.execute(
            `insert into leaderboard_cache (rank_id, tenant_id, event_id, contestant_id, current_rank, vote_count, updated_at) values (?, ?, ?, ?, 1, 0, ?)
             on conflict (rank_id) do nothing`,
            [d.contestantId, tenantId, d.contestId, d.contestantId, d.at],
          );
          touched.add(d.contestId);
          live.push({ tenantId, contestId: d.contestId, contestantId: d.contestantId, votes: 0 });
          break;
        }
        case 'VoteCast':
          if (event.data.status === 'accepted') add(pending, event.data.contestantId, tenantId, event.data.contestId, event.data.amount, event.data.castAt);
          break;
        case 'VoteRefunded':
        case 'VoteVoided':
          if (event.data.wasCounted) add(pending, event.data.contestantId, tenantId, event.data.contestId, -event.data.amount, event.data.at);
          break;
        case 'ContestStatusChanged':
          if (event.data.to === 'closed') {
            live.push(...(await this.flush(em, pending, touched)));
            await this.snapshot(em, recorded, event.data.contestId);
          }
          break;
        case 'CreditsGranted':
        case 'CreditsRevoked':
        case 'ContestCreated':
        case 'ContestEdited':
        case 'CategoryAdded':
          break;
        default: {
          const unknown: never = event;
          throw new Error(`Unexpected event ${(unknown as { type: string }).type}`);
        }
      }
    }
    live.push(...(await this.flush(em, pending, touched)));
    if (live.length > 0 && !(await isRebuilding(em))) await this.ranking.set(live, events[events.length - 1].position);
  }

  /** Applies the summed deltas and re-ranks the contests they touched. */
  private async flush(em: EntityManager, pending: Map<string, Pending>, touched: Set<string>): Promise<RankingUpdate[]> {
    const updates: RankingUpdate[] = [];
    if (pending.size > 0) {
      const rows = [...pending].map(([contestant_id, p]) => ({ contestant_id, delta: p.delta, at: p.at }));
      const totals = await em.execute<{ contestant_id: string; event_id: string; tenant_id: string; votes_received: string }[]>(
        `update contestants c set votes_received = c.votes_received + r.delta
           from jsonb_to_recordset(?::jsonb) as r(contestant_id uuid, delta bigint, at timestamptz)
          where c.contestant_id = r.contestant_id
          returning c.contestant_id, c.event_id, c.tenant_id, c.votes_received`,
        [recordset(rows)],
      );
      await em.execute(
        `update leaderboard_cache l set vote_count = l.vote_count + r.delta, updated_at = r.at
           from jsonb_to_recordset(?::jsonb) as r(contestant_id uuid, delta bigint, at timestamptz)
          where l.rank_id = r.contestant_id`,
        [recordset(rows)],
      );
      for (const row of totals) {
        updates.push({ tenantId: row.tenant_id, contestId: row.event_id, contestantId: row.contestant_id, votes: Number(row.votes_received) });
        touched.add(row.event_id);
      }
      pending.clear();
    }
    if (touched.size > 0) {
      await em.execute(
        `update leaderboard_cache l set current_rank = r.rnk
           from (select rank_id, rank() over (partition by event_id order by vote_count desc)::integer as rnk
                   from leaderboard_cache where event_id = any(?::uuid[])) r
          where l.rank_id = r.rank_id and l.current_rank <> r.rnk`,
        [`{${[...touched].join(',')}}`],
      );
      touched.clear();
    }
    return updates;
  }

  /** Freezes the ranking as it stands at the close, in log order (so a rebuild makes the same snapshot). */
  private async snapshot(em: EntityManager, recorded: RecordedEvent, contestId: string): Promise<void> {
    await em.execute(
      `insert into rank_snapshots (snapshot_id, tenant_id, event_id, timestamp, reason, leaderboard_json)
       select ?, ?, ?, ?, 'closed', coalesce(jsonb_agg(jsonb_build_object('rank', l.current_rank, 'contestantId', c.contestant_id, 'name', c.name, 'votes', l.vote_count)
                                    order by l.current_rank, c.name, c.contestant_id), '[]'::jsonb)
         from leaderboard_cache l join contestants c on c.contestant_id = l.contestant_id
        where l.event_id = ?
       on conflict (snapshot_id) do nothing`,
      [recorded.id, recorded.metadata.tenantId, contestId, recorded.createdAt.toISOString(), contestId],
    );
  }
}

function add(pending: Map<string, Pending>, contestantId: string, tenantId: string, contestId: string, delta: number, at: string): void {
  const current = pending.get(contestantId);
  if (current) {
    current.delta += delta;
    if (at > current.at) current.at = at;
  } else pending.set(contestantId, { tenantId, contestId, delta, at });
}
