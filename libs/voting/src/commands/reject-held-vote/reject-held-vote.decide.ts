import { votedFor, voteUnderReview } from '../../domain/vote-review';
import { HeldVoteRejected } from '../../domain/voter.events';
import { VoterState } from '../../domain/voter.state';
import { RejectHeldVoteInput } from './reject-held-vote.command';

/**
 * Only a held vote is rejected. It never counted, so the leaderboard does not move; as with a
 * refund, the paid credits return to the balance, the free votes to their day and the votes to
 * the cap. Allowed after the event is final too: it only gives back what the voter paid.
 */
export function decideRejectHeldVote(input: RejectHeldVoteInput, voter: VoterState, now: Date): HeldVoteRejected[] {
  const vote = voteUnderReview(voter, input.voteId, ['held']);
  return [
    {
      type: 'HeldVoteRejected',
      data: {
        ...votedFor(vote, input.userId),
        reason: input.reason,
        freeReturned: vote.freeUsed,
        paidReturned: vote.paidUsed,
        day: vote.day,
        balanceAfter: voter.balance + vote.paidUsed,
        at: now.toISOString(),
      },
    },
  ];
}
