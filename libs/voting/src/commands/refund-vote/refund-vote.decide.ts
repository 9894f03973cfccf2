import { VotingError } from '../../voting.errors';
import { votedFor } from '../../domain/vote-review';
import { ContestState } from '../../domain/contest.state';
import { VoteRefunded } from '../../domain/voter.events';
import { VoterState } from '../../domain/voter.state';
import { RefundVoteInput } from './refund-vote.command';

/**
 * A vote is refundable while its event is open and, when the event says so, before its
 * refund deadline. The paid credits return to the balance, the free votes to their day, and
 * the votes to the cap.
 */
export function decideRefundVote(input: RefundVoteInput, contest: ContestState, voter: VoterState, now: Date): VoteRefunded[] {
  const vote = voter.votes.get(input.voteId);
  if (!vote) throw new VotingError('VOTING.VOTE_NOT_FOUND', 'No such vote');
  if (vote.status !== 'accepted' && vote.status !== 'held') throw new VotingError('VOTING.VOTE_NOT_REFUNDABLE', `The vote is already ${vote.status}`);
  const until = contest.settings.refundableUntil;
  const open = contest.exists && contest.status === 'open';
  const beforeDeadline = until === 'close' || (until !== 'never' && now.getTime() < Date.parse(until));
  if (!open || !beforeDeadline) {
    throw new VotingError('VOTING.VOTE_NOT_REFUNDABLE', open ? 'The refund deadline of this event has passed' : `The event is ${contest.status}`);
  }
  return [
    {
      type: 'VoteRefunded',
      data: {
        ...votedFor(vote, input.userId),
        freeReturned: vote.freeUsed,
        paidReturned: vote.paidUsed,
        day: vote.day,
        wasCounted: vote.status === 'accepted',
        by: input.by,
        balanceAfter: voter.balance + vote.paidUsed,
        at: now.toISOString(),
      },
    },
  ];
}
