import { EntityManager } from '@mikro-orm/postgresql';
import { inlineArray, UnnestColumns, unnestRows } from '@tally/eventstore';
import { RankingUpdate } from '../../ranking/ranking-store.port';

interface ContestantInsert {
  contestant_id: string;
  tenant_id: string;
  event_id: string;
  name: string;
  slug: string;
  category_id: string | null;
  created_at: string;
}

interface Delta {
  contestant_id: string;
  delta: number;
  at: string;
}

const CONTESTANT_COLUMNS: UnnestColumns<ContestantInsert> = {
  contestant_id: 'uuid',
  tenant_id: 'text',
  event_id: 'uuid',
  name: 'text',
  slug: 'text',
  category_id: 'uuid',
  created_at: 'timestamptz',
};

const DELTA_COLUMNS: UnnestColumns<Delta> = { contestant_id: 'uuid', delta: 'bigint', at: 'timestamptz' };

/**
 * The leaderboard writes of a run of events, folded in memory: new contestants, one summed delta
 * per contestant, the contests to re-rank. `flush` writes them with three statements whatever
 * the number of votes (new contestants, both counters in one UPDATE, the re-rank) and returns
 * the resulting absolute totals for the ranking store, in log order.
 *
 * The deltas are not idempotent by themselves: the runner applies them in the transaction that
 * moves the checkpoint, so a crash before the commit rolls them back and the batch is applied
 * again from the same state, and a batch whose checkpoint has moved is never applied again.
 */
export class LeaderboardBatch {
  private readonly contestants: ContestantInsert[] = [];
  private readonly deltas = new Map<string, Delta>();
  private readonly touched = new Set<string>();

  addContestant(row: ContestantInsert): void {
    this.contestants.push(row);
    this.touched.add(row.event_id);
  }

  addVotes(contestantId: string, delta: number, at: string): void {
    const current = this.deltas.get(contestantId);
    if (!current) this.deltas.set(contestantId, { contestant_id: contestantId, delta, at });
    else {
      current.delta += delta;
      if (at > current.at) current.at = at;
    }
  }

  /** Writes everything folded so far (new contestants first: later votes may name them) and starts afresh. */
  async flush(em: EntityManager): Promise<RankingUpdate[]> {
    const updates = await this.insertContestants(em);
    updates.push(...(await this.applyDeltas(em)));
    await this.rerank(em);
    return updates;
  }

  private async insertContestants(em: EntityManager): Promise<RankingUpdate[]> {
    if (this.contestants.length === 0) return [];
    const rows = unnestRows(CONTESTANT_COLUMNS, this.contestants);
    await em.execute(
      `with r as (${rows.select}),
            c as (insert into contestants (${rows.columns}, votes_received) select *, 0 from r on conflict (contestant_id) do nothing)
       insert into leaderboard_cache (rank_id, tenant_id, event_id, contestant_id, current_rank, vote_count, updated_at)
       select contestant_id, tenant_id, event_id, contestant_id, 1, 0, created_at from r
       on conflict (rank_id) do nothing`,
    );
    const updates = this.contestants.map((c) => ({ tenantId: c.tenant_id, contestId: c.event_id, contestantId: c.contestant_id, votes: 0 }));
    this.contestants.length = 0;
    return updates;
  }

  /** Both counters in one statement; the contestants' new totals come back for the ranking store. */
  private async applyDeltas(em: EntityManager): Promise<RankingUpdate[]> {
    if (this.deltas.size === 0) return [];
    const rows = unnestRows(DELTA_COLUMNS, [...this.deltas.values()]);
    const totals = await em.execute<{ contestant_id: string; event_id: string; tenant_id: string; votes_received: string }[]>(
      `with r as (${rows.select}),
            l as (update leaderboard_cache l set vote_count = l.vote_count + r.delta, updated_at = r.at from r where l.rank_id = r.contestant_id)
       update contestants c set votes_received = c.votes_received + r.delta from r
        where c.contestant_id = r.contestant_id
        returning c.contestant_id, c.event_id, c.tenant_id, c.votes_received`,
    );
    this.deltas.clear();
    return totals.map((row) => {
      this.touched.add(row.event_id);
      return { tenantId: row.tenant_id, contestId: row.event_id, contestantId: row.contestant_id, votes: Number(row.votes_received) };
    });
  }

  /** Competition rank per touched contest, writing only the rows whose rank changed. */
  private async rerank(em: EntityManager): Promise<void> {
    if (this.touched.size === 0) return;
    await em.execute(
      `update leaderboard_cache l set current_rank = r.rnk
         from (select rank_id, rank() over (partition by event_id order by vote_count desc)::integer as rnk
                 from leaderboard_cache where event_id = any(${inlineArray([...this.touched], 'uuid')})) r
        where l.rank_id = r.rank_id and l.current_rank <> r.rnk`,
    );
    this.touched.clear();
  }
}
