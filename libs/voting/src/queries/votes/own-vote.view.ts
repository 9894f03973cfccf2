import { voteHash } from '../../domain/vote-hash';
import { VoterState } from '../../domain/voter.state';
import { VoteView } from './vote.view';

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
