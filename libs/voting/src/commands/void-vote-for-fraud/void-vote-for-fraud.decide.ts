import { votedFor } from '../../domain/vote-review';
import { ContestState } from '../../domain/contest.state';
import { VoteVoided } from '../../domain/voter.events';
import { VoterState } from '../../domain/voter.state';
import { PatternActionInput } from '../hold-vote-for-review/hold-vote-for-review.command';

/**
 * A counted or held vote is voided while its event's tally may change; anything else is nothing
 * to do (pattern actions are replayed at least once). The void undoes the vote: it leaves the
 * count (if it counted) and the cap, and its paid credits go back, as for a rejected held vote —
 * whether the money goes back is the payments context's business, not the tally's. Free votes of
 * a past day are not given back.
 */
export function decideVoidVoteForFraud(input: PatternActionInput, contest: ContestState, voter: VoterState, now: Date): VoteVoided[] {
  const vote = voter.votes.get(input.voteId);
  if (!vote || (vote.status !== 'accepted' && vote.status !== 'held')) return [];
  if (contest.status === 'finalized' || contest.status === 'cancelled') return [];
  return [
    {
      type: 'VoteVoided',
      data: {
        ...votedFor(vote, input.userId),
        reason: input.voidReason ?? 'fraud',
        revokeId: null,
        findingId: input.findingId,
        paidRecovered: 0,
        paidReturned: vote.paidUsed,
        wasCounted: vote.status === 'accepted',
        balanceAfter: voter.balance + vote.paidUsed,
        at: now.toISOString(),
      },
    },
  ];
}
