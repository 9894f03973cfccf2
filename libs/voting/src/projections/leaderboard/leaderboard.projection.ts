import { Inject } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Projection, ProjectionContext, RecordedEvent, RegisteredProjection } from '@tally/eventstore';
import { ContestEvent } from '../../domain/contest.events';
import { VoterEvent, WITHOUT_SCREENING } from '../../domain/voter.events';
import { RANKING_STORE, RankingStore, RankingUpdate } from '../../ranking/ranking-store.port';
import { LeaderboardBatch } from './leaderboard-batch';

/**
 * Votes per contestant: `contestants.votes_received`, `leaderboard_cache` (count and
 * competition rank) and the live sorted sets of the RankingStore; a `rank_snapshots` row when
 * an event closes. A batch is folded in memory (LeaderboardBatch: one summed delta per
 * contestant) and written with a few statements; a close flushes what came before it so the
 * snapshot sees the counts at that point of the log. The ranking store gets the resulting
 * absolute totals in one pipelined MULTI, so a redelivered batch writes the same values again.
 * Held votes do not count until released (HeldVoteReleased adds them); a counted vote held after
 * the fact (VoteHeldForReview) or voided stops counting; a rejected held vote never counted.
 */
@RegisteredProjection()
export class LeaderboardProjection implements Projection {
  readonly name = 'voting-leaderboard';
  readonly version = 1;
  readonly filter = {
    streamPrefixes: ['contest-', 'voter-'],
    eventTypes: ['ContestantAdded', 'ContestStatusChanged', 'VoteCast', 'VoteRefunded', 'VoteVoided', 'HeldVoteReleased', 'VoteHeldForReview'],
  };
  readonly tables = ['contestants', 'leaderboard_cache', 'rank_snapshots'];
  readonly omitData = WITHOUT_SCREENING;

  constructor(@Inject(RANKING_STORE) private readonly ranking: RankingStore) {}

  async apply(events: readonly RecordedEvent[], { em, rebuilding }: ProjectionContext): Promise<void> {
    const batch = new LeaderboardBatch();
    const live: RankingUpdate[] = [];
    for (const recorded of events) {
      const event = { type: recorded.type, data: recorded.data } as ContestEvent | VoterEvent;
      switch (event.type) {
        case 'ContestantAdded': {
          const d = event.data;
          batch.addContestant({
            contestant_id: d.contestantId,
            tenant_id: recorded.metadata.tenantId,
            event_id: d.contestId,
            // What the public sees at the add: the name, or the placeholder while it waits under pre-moderation (what moderation shows since: contestant_names).
            name: d.publicName ?? d.name,
            slug: d.slug,
            category_id: d.categoryId,
            created_at: d.at,
          });
          break;
        }
        case 'VoteCast':
          if (event.data.status === 'accepted') batch.addVotes(event.data.contestantId, event.data.amount, event.data.castAt);
          break;
        case 'VoteRefunded':
        case 'VoteVoided':
          if (event.data.wasCounted) batch.addVotes(event.data.contestantId, -event.data.amount, event.data.at);
          break;
        case 'HeldVoteReleased':
          batch.addVotes(event.data.contestantId, event.data.amount, event.data.at);
          break;
        case 'VoteHeldForReview':
          batch.addVotes(event.data.contestantId, -event.data.amount, event.data.at);
          break;
        case 'ContestStatusChanged':
          if (event.data.to === 'closed') {
            live.push(...(await batch.flush(em)));
            await this.snapshot(em, recorded, event.data.contestId);
          }
          break;
        case 'CreditsGranted':
        case 'CreditsRevoked':
        case 'HeldVoteRejected':
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
    live.push(...(await batch.flush(em)));
    // A rebuild fills shadow tables only; the live projection keeps Redis current meanwhile.
    if (live.length > 0 && !rebuilding) await this.ranking.set(live, events[events.length - 1].position);
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
