import { StreamDecider } from '@tally/eventstore';
import { LayeredMap } from './layered-map';
import { RecentRequests } from './recent-requests';
import type { VoteQuotaUse } from '../quota/subscription-quota.port';
import { VoteRemaining, VoterEvent, VoteStatus } from './voter.events';

export interface VoteRecord {
  voteId: string;
  contestId: string;
  contestantId: string;
  categoryId: string | null;
  amount: number;
  freeUsed: number;
  paidUsed: number;
  day: string;
  /** What the vote drew from a subscription quota, if anything (given back by a refund or a rejection). */
  quota?: VoteQuotaUse;
  status: VoteStatus | 'refunded' | 'voided' | 'rejected';
  castAt: string;
}

/** The body of a 201 to POST /api/votes (API.md). */
export interface CastVoteResponse {
  voteId: string;
  eventId: string;
  contestantId: string;
  amount: number;
  status: VoteStatus;
  createdAt: string;
  remaining: VoteRemaining;
}

/**
 * Everything the vote decision needs about one voter. States are immutable: the command runner
 * caches them by revision and may hand the same object to several decisions. The small maps are
 * copied on write; the two that grow with every vote (votes, requests) are layered so that a
 * vote costs O(√n), not O(n).
 */
export interface VoterState {
  balance: number;
  /** Grant and revoke ids already applied (idempotency of payments' calls). */
  appliedCredits: ReadonlySet<string>;
  /** contestId → votes cast and not refunded/voided (cap). */
  contestTotals: ReadonlyMap<string, number>;
  /** `${contestId}/${categoryId}` → votes (category cap). */
  categoryTotals: ReadonlyMap<string, number>;
  /** `${contestId}/${day}` → free votes used that UTC day. */
  freeUsed: ReadonlyMap<string, number>;
  /** `${subscriptionId}/${localDay}` → subscription quota used that day of the subscriber (recent days only). */
  quotaUsed: ReadonlyMap<string, number>;
  /** Every vote of the voter, in the order cast. */
  votes: LayeredMap<string, VoteRecord>;
  /** Idempotency keys of the last 24 hours. */
  requests: RecentRequests<CastVoteResponse>;
}

export function initialVoterState(): VoterState {
  return {
    balance: 0,
    appliedCredits: new Set(),
    contestTotals: new Map(),
    categoryTotals: new Map(),
    freeUsed: new Map(),
    quotaUsed: new Map(),
    votes: LayeredMap.empty(),
    requests: RecentRequests.empty(),
  };
}

export const categoryKey = (contestId: string, categoryId: string): string => `${contestId}/${categoryId}`;
export const dayKey = (contestId: string, day: string): string => `${contestId}/${day}`;
export const quotaKey = (subscriptionId: string, day: string): string => `${subscriptionId}/${day}`;

/**
 * Adds (or, negative, gives back) a vote's draw on a subscription quota. Keys of local days more
 * than two UTC days before `castMs` are dropped: no zone is that far behind, so no decision needs them.
 */
function withQuota(state: VoterState, quota: VoteQuotaUse | undefined, by: number, castMs: number): ReadonlyMap<string, number> {
  if (!quota || quota.used <= 0) return state.quotaUsed;
  const oldest = new Date(castMs - 2 * 86_400_000).toISOString().slice(0, 10);
  const next = new Map<string, number>();
  for (const [key, used] of state.quotaUsed) if (key.slice(-10) >= oldest) next.set(key, used);
  const key = quotaKey(quota.subscriptionId, quota.day);
  const value = (next.get(key) ?? 0) + by * quota.used;
  if (value > 0) next.set(key, value);
  else next.delete(key);
  return next;
}

function bump(map: ReadonlyMap<string, number>, key: string, by: number): Map<string, number> {
  const next = new Map(map);
  const value = (next.get(key) ?? 0) + by;
  if (value === 0) next.delete(key);
  else next.set(key, value);
  return next;
}

function withVote(state: VoterState, record: VoteRecord): LayeredMap<string, VoteRecord> {
  return state.votes.with(record.voteId, record);
}

/** Removes a vote's weight from the cap totals (refund, void). */
function releaseCap(state: VoterState, vote: VoteRecord): Pick<VoterState, 'contestTotals' | 'categoryTotals'> {
  return {
    contestTotals: bump(state.contestTotals, vote.contestId, -vote.amount),
    categoryTotals: vote.categoryId ? bump(state.categoryTotals, categoryKey(vote.contestId, vote.categoryId), -vote.amount) : state.categoryTotals,
  };
}

/** A review decision that changes only whether the vote counts (the cap already holds it). */
function withStatus(state: VoterState, voteId: string, status: VoteRecord['status']): VoterState {
  const vote = state.votes.get(voteId);
  return vote ? { ...state, votes: withVote(state, { ...vote, status }) } : state;
}

export function evolveVoter(state: VoterState, event: VoterEvent): VoterState {
  switch (event.type) {
    case 'CreditsGranted': {
      const applied = new Set(state.appliedCredits).add(event.data.grantId);
      return { ...state, balance: event.data.balanceAfter, appliedCredits: applied };
    }
    case 'CreditsRevoked': {
      const applied = new Set(state.appliedCredits).add(event.data.revokeId);
      return { ...state, balance: event.data.balanceAfter, appliedCredits: applied };
    }
    case 'VoteCast': {
      const d = event.data;
      const castMs = Date.parse(d.castAt);
      const requests = state.requests.remember(d.idempotencyKey, {
        fingerprint: d.fingerprint,
        atMs: castMs,
        response: {
          voteId: d.voteId,
          eventId: d.contestId,
          contestantId: d.contestantId,
          amount: d.amount,
          status: d.status,
          createdAt: d.castAt,
          remaining: d.remaining,
        },
      });
      const freeUsed = new Map<string, number>();
      // Only today's (and yesterday's, for votes around midnight) allowances matter.
      const yesterday = new Date(castMs - 86_400_000).toISOString().slice(0, 10);
      for (const [key, used] of state.freeUsed) if (key.slice(-10) >= yesterday) freeUsed.set(key, used);
      if (d.freeUsed > 0) freeUsed.set(dayKey(d.contestId, d.day), (freeUsed.get(dayKey(d.contestId, d.day)) ?? 0) + d.freeUsed);
      return {
        ...state,
        balance: d.balanceAfter,
        contestTotals: bump(state.contestTotals, d.contestId, d.amount),
        categoryTotals: d.categoryId ? bump(state.categoryTotals, categoryKey(d.contestId, d.categoryId), d.amount) : state.categoryTotals,
        freeUsed,
        quotaUsed: withQuota(state, d.quota, 1, castMs),
        votes: withVote(state, {
          voteId: d.voteId,
          contestId: d.contestId,
          contestantId: d.contestantId,
          categoryId: d.categoryId,
          amount: d.amount,
          freeUsed: d.freeUsed,
          paidUsed: d.paidUsed,
          day: d.day,
          ...(d.quota ? { quota: d.quota } : {}),
          status: d.status,
          castAt: d.castAt,
        }),
        requests,
      };
    }
    case 'VoteRefunded': {
      const vote = state.votes.get(event.data.voteId);
      if (!vote) return { ...state, balance: event.data.balanceAfter };
      const key = dayKey(vote.contestId, vote.day);
      const freeUsed = state.freeUsed.has(key) ? bump(state.freeUsed, key, -event.data.freeReturned) : state.freeUsed;
      return {
        ...state,
        ...releaseCap(state, vote),
        balance: event.data.balanceAfter,
        freeUsed,
        quotaUsed: withQuota(state, vote.quota, -1, Date.parse(event.data.at)),
        votes: withVote(state, { ...vote, status: 'refunded' }),
      };
    }
    case 'VoteVoided': {
      const vote = state.votes.get(event.data.voteId);
      if (!vote) return { ...state, balance: event.data.balanceAfter };
      return { ...state, ...releaseCap(state, vote), balance: event.data.balanceAfter, votes: withVote(state, { ...vote, status: 'voided' }) };
    }
    case 'HeldVoteReleased':
      return withStatus(state, event.data.voteId, 'accepted');
    case 'VoteHeldForReview':
      return withStatus(state, event.data.voteId, 'held');
    case 'HeldVoteRejected': {
      // Like a refund: the cap, the day's free votes, the subscription quota and the paid credits come back.
      const vote = state.votes.get(event.data.voteId);
      if (!vote) return { ...state, balance: event.data.balanceAfter };
      const key = dayKey(vote.contestId, vote.day);
      const freeUsed = state.freeUsed.has(key) ? bump(state.freeUsed, key, -event.data.freeReturned) : state.freeUsed;
      const quotaUsed = withQuota(state, vote.quota, -1, Date.parse(event.data.at));
      return { ...state, ...releaseCap(state, vote), balance: event.data.balanceAfter, freeUsed, quotaUsed, votes: withVote(state, { ...vote, status: 'rejected' }) };
    }
    default: {
      const unknown: never = event;
      throw new Error(`Unknown voter event ${(unknown as { type: string }).type}`);
    }
  }
}

export const voterDecider: StreamDecider<VoterState, VoterEvent> = {
  aggregate: 'voter',
  initialState: initialVoterState,
  evolve: evolveVoter,
};
