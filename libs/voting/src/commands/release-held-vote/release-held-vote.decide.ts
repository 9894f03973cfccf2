import { ContestState } from '../../domain/contest.state';
import { assertTallyOpen, votedFor, voteUnderReview } from '../../domain/vote-review';
import { HeldVoteReleased } from '../../domain/voter.events';
import { VoterState } from '../../domain/voter.state';
import { ReleaseHeldVoteInput } from './release-held-vote.command';

/**
 * Only a held vote is released, and only while the event's tally may still change. The vote
 * already sits in the cap and the balance (it was decided when cast), so nothing else moves.
 */
export function decideReleaseHeldVote(input: ReleaseHeldVoteInput, contest: ContestState, voter: VoterState, now: Date): HeldVoteReleased[] {
  const vote = voteUnderReview(voter, input.voteId, ['held']);
  assertTallyOpen(contest);
  return [
    {
      type: 'HeldVoteReleased',
      data: {
        ...votedFor(vote, input.userId),
        reason: input.reason,
        at: now.toISOString(),
      },
    },
  ];
}
