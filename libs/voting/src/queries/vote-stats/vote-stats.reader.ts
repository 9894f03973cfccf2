import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@tally/platform';
import { Pool } from 'pg';

/** `tenantId` null: every tenant (platform admins). */
export type TenantFilter = string | null;

export interface VoteAuditFilters {
  contestId?: string;
  contestantId?: string;
  userId?: string;
  status?: string;
  from?: string;
  to?: string;
  /** The last vote id of the previous page (votes are UUIDv7: newest first by id). */
  cursor?: string;
  limit: number;
}

export interface VoteAuditRow {
  voteId: string;
  tenantId: string;
  userId: string;
  contestId: string;
  contestantId: string;
  amount: number;
  freeAmount: number;
  paidAmount: number;
  channel: string;
  status: string;
  contentHash: string;
  createdAt: string;
  undoneAt: string | null;
}

export interface VoteTotals {
  /** Votes (their amounts) cast in the window, and per second. */
  votesInWindow: number;
  perSecond: number;
  /** Votes waiting for review. */
  heldVotes: number;
  heldAmount: number;
}

export interface ContestTotal {
  contestId: string;
  name: string;
  votes: number;
  voters: number;
}

export interface ContestLedger {
  contestId: string;
  tenantId: string;
  name: string;
  status: string;
  /** Per vote status: vote requests and their amounts. */
  byStatus: Record<string, { count: number; votes: number }>;
  /** What the leaderboard read model counts for the contest (voting-leaderboard), summed over contestants. */
  tally: number;
}

export interface BucketTotal {
  key: string;
  votes: number;
  count: number;
}

/**
 * Staff reads over the `votes` read model (voting-votes): the vote audit log and the figures of
 * the admin dashboard and analytics. Counts are vote amounts (a request for 5 votes counts 5);
 * the tally counts accepted votes only, as the leaderboard does.
 */
@Injectable()
export class VoteStatsReader {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async auditLog(tenantId: TenantFilter, f: VoteAuditFilters): Promise<{ items: VoteAuditRow[]; nextCursor: string | null }> {
    const { rows } = await this.pool.query<{
      vote_id: string; tenant_id: string; user_id: string; event_id: string; contestant_id: string; amount: number; free_amount: number; paid_amount: number;
      vote_type: string; status: string; content_hash: string; created_at: Date; refunded_at: Date | null;
    }>(
      `select vote_id, tenant_id, user_id, event_id, contestant_id, amount, free_amount, paid_amount, vote_type, status, content_hash, created_at, refunded_at
         from votes
        where ($1::text is null or tenant_id = $1) and ($2::uuid is null or vote_id < $2::uuid)
          and ($3::uuid is null or event_id = $3::uuid) and ($4::uuid is null or contestant_id = $4::uuid)
          and ($5::text is null or user_id = $5) and ($6::text is null or status = $6)
          and ($7::timestamptz is null or created_at >= $7) and ($8::timestamptz is null or created_at < $8)
        order by vote_id desc limit $9`,
      [tenantId, f.cursor ?? null, f.contestId ?? null, f.contestantId ?? null, f.userId ?? null, f.status ?? null, f.from ?? null, f.to ?? null, f.limit + 1],
    );
    const items = rows.slice(0, f.limit).map((row) => ({
      voteId: row.vote_id,
      tenantId: row.tenant_id,
      userId: row.user_id,
      contestId: row.event_id,
      contestantId: row.contestant_id,
      amount: row.amount,
      freeAmount: row.free_amount,
      paidAmount: row.paid_amount,
      channel: row.vote_type,
      status: row.status,
      contentHash: row.content_hash,
      createdAt: row.created_at.toISOString(),
      undoneAt: row.refunded_at?.toISOString() ?? null,
    }));
    return { items, nextCursor: rows.length > f.limit ? items[items.length - 1].voteId : null };
  }

  /** Votes cast since `since` (accepted or held when cast), and what waits for review now. */
  async totals(tenantId: TenantFilter, since: Date, now: Date): Promise<VoteTotals> {
    const { rows } = await this.pool.query<{ window_votes: string | null; held_votes: string; held_amount: string | null }>(
      `select coalesce(sum(amount) filter (where created_at >= $2 and created_at <= $3), 0) as window_votes,
              count(*) filter (where status = 'held') as held_votes, coalesce(sum(amount) filter (where status = 'held'), 0) as held_amount
         from votes where ($1::text is null or tenant_id = $1) and (created_at >= $2 or status = 'held')`,
      [tenantId, since, now],
    );
    const seconds = Math.max(1, (now.getTime() - since.getTime()) / 1000);
    const votesInWindow = Number(rows[0].window_votes ?? 0);
    return { votesInWindow, perSecond: votesInWindow / seconds, heldVotes: Number(rows[0].held_votes), heldAmount: Number(rows[0].held_amount ?? 0) };
  }

  /** Contests by accepted votes, most first. */
  async topContests(tenantId: TenantFilter, limit: number, from?: string, to?: string): Promise<ContestTotal[]> {
    const { rows } = await this.pool.query<{ event_id: string; name: string | null; votes: string; voters: string }>(
      `select v.event_id, e.name, sum(v.amount) as votes, count(distinct v.user_id) as voters
         from votes v left join events e on e.event_id = v.event_id
        where v.status = 'accepted' and ($1::text is null or v.tenant_id = $1)
          and ($3::timestamptz is null or v.created_at >= $3) and ($4::timestamptz is null or v.created_at < $4)
        group by v.event_id, e.name order by votes desc, v.event_id limit $2`,
      [tenantId, limit, from ?? null, to ?? null],
    );
    return rows.map((row) => ({ contestId: row.event_id, name: row.name ?? '', votes: Number(row.votes), voters: Number(row.voters) }));
  }

  /** A contest's votes by status from the votes read model, and its tally from the leaderboard read model; null when unknown. */
  async contestLedger(contestId: string): Promise<ContestLedger | null> {
    const contest = await this.pool.query<{ tenant_id: string; name: string; status: string }>('select tenant_id, name, status from events where event_id = $1', [contestId]);
    if (contest.rows.length === 0) return null;
    const [byStatus, tally] = await Promise.all([
      this.pool.query<{ status: string; count: string; votes: string }>('select status, count(*) as count, sum(amount) as votes from votes where event_id = $1 group by status', [contestId]),
      this.pool.query<{ tally: string | null }>('select sum(vote_count) as tally from leaderboard_cache where event_id = $1', [contestId]),
    ]);
    const statuses: ContestLedger['byStatus'] = {};
    for (const status of ['accepted', 'held', 'refunded', 'voided', 'rejected']) statuses[status] = { count: 0, votes: 0 };
    for (const row of byStatus.rows) statuses[row.status] = { count: Number(row.count), votes: Number(row.votes) };
    const { tenant_id: tenantId, name, status } = contest.rows[0];
    return { contestId, tenantId, name, status, byStatus: statuses, tally: Number(tally.rows[0]?.tally ?? 0) };
  }

  /** Accepted votes over time (`hour` or `day` buckets, UTC) or per channel (free, paid, mixed). */
  async breakdown(tenantId: TenantFilter, by: 'hour' | 'day' | 'channel', from?: string, to?: string, contestId?: string): Promise<BucketTotal[]> {
    const key = by === 'channel' ? 'vote_type' : `to_char(date_trunc('${by}', created_at at time zone 'UTC'), 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
    const { rows } = await this.pool.query<{ key: string; votes: string; count: string }>(
      `select ${key} as key, sum(amount) as votes, count(*) as count from votes
        where status = 'accepted' and ($1::text is null or tenant_id = $1)
          and ($2::timestamptz is null or created_at >= $2) and ($3::timestamptz is null or created_at < $3)
          and ($4::uuid is null or event_id = $4::uuid)
        group by 1 order by 1`,
      [tenantId, from ?? null, to ?? null, contestId ?? null],
    );
    return rows.map((row) => ({ key: row.key, votes: Number(row.votes), count: Number(row.count) }));
  }
}
