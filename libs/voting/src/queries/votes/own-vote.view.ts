import { voteHash } from '../../domain/vote-hash';
import { VoterState } from '../../domain/voter.state';
import { VoteView } from './vote.view';

/** A first page of the caller's votes, newest first, as the votes read model gave it. */
export interface VotePage {
  items: VoteView[];
  nextCursor: string | null;
}

/**
 * A vote as its voter's own stream knows it, for the moment between the 201 and the votes read
 * model catching up: a voter who reads their vote at once, with no Tally-Position, still finds
 * it. The stream keeps no refund time, so a vote refunded before the read model caught up shows
 * `refundedAt` null until then.
 */
export function ownVoteView(state: VoterState, tenantId: string, userId: string, voteId: string): VoteView | null {
  const vote = state.votes.get(voteId);
  if (!vote) return null;
  return {
    voteId,
    userId,
    eventId: vote.contestId,
    contestantId: vote.contestantId,
    categoryId: vote.categoryId,
    amount: vote.amount,
    // The votes projection's rule (votes-batch.ts).
    voteType: vote.paidUsed === 0 ? 'free' : vote.freeUsed === 0 ? 'paid' : 'mixed',
    status: vote.status,
    hash: voteHash({ voteId, tenantId, userId, contestId: vote.contestId, contestantId: vote.contestantId, amount: vote.amount, castAt: vote.castAt }),
    createdAt: new Date(vote.castAt).toISOString(),
    refundedAt: null,
  };
}

/**
 * The first page of a voter's own votes with the votes the read model has not applied yet put
 * in front of it, from the voter's stream: those are newer than its newest row (ids are UUIDv7,
 * ordered by time), or all of the stream's when the read model has none. When more are missing
 * than the page holds, the extra ones show once the read model catches up.
 */
export function withOwnUnprojectedVotes(page: VotePage, state: VoterState, tenantId: string, userId: string, limit: number): VotePage {
  const newest = page.items[0]?.voteId;
  const missing: VoteView[] = [];
  state.votes.forEach((_vote, voteId) => {
    if (newest !== undefined && voteId <= newest) return;
    const view = ownVoteView(state, tenantId, userId, voteId);
    if (view) missing.push(view);
  });
  if (missing.length === 0) return page;
  missing.sort((a, b) => (a.voteId < b.voteId ? 1 : -1));
  const merged = [...missing, ...page.items];
  if (merged.length <= limit) return { items: merged, nextCursor: page.nextCursor };
  const items = merged.slice(0, limit);
  return { items, nextCursor: items[items.length - 1].voteId };
}
