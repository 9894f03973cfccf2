import { votedFor } from '../../domain/vote-review';
import { ContestState } from '../../domain/contest.state';
import { VoteHeldForReview } from '../../domain/voter.events';
import { VoterState } from '../../domain/voter.state';
import { PatternActionInput } from './hold-vote-for-review.command';

/**
 * Only a counted (accepted) vote is held, and only while its event's tally may change. Anything
 * else is nothing to do rather than a refusal: pattern actions are replayed at least once, and a
 * vote refunded, voided or held meanwhile has already left the count.
 */
export function decideHoldVoteForReview(input: PatternActionInput, contest: ContestState, voter: VoterState, now: Date): VoteHeldForReview[] {
  const vote = voter.votes.get(input.voteId);
  if (!vote || vote.status !== 'accepted' || contest.status === 'finalized' || contest.status === 'cancelled') return [];
  return [
    {
      type: 'VoteHeldForReview',
      data: {
        ...votedFor(vote, input.userId),
        findingId: input.findingId,
        reason: input.reason,
        at: now.toISOString(),
      },
    },
  ];
}
