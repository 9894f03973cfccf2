import { VotingError } from '../voting.errors';
import { ContestState } from './contest.state';
import { VoteRecord, VoterState } from './voter.state';

/**
 * The vote a fraud review decision acts on, refused unless it is in one of `expected` statuses:
 * a decision already taken (released, rejected, voided, refunded) is never taken again, which is
 * what makes parallel and repeated reviews decide a case once.
 */
export function voteUnderReview(voter: VoterState, voteId: string, expected: readonly VoteRecord['status'][]): VoteRecord {
  const vote = voter.votes.get(voteId);
  if (!vote) throw new VotingError('VOTING.VOTE_NOT_FOUND', 'No such vote');
  if (!expected.includes(vote.status)) {
    throw new VotingError('VOTING.VOTE_ALREADY_DECIDED', `The vote is ${vote.status}, not ${expected.join(' or ')}`, { voteId, status: vote.status });
  }
  return vote;
}

/** Whether a vote counts may change until the event's tally is final (finalized, or cancelled). */
export function assertTallyOpen(contest: ContestState): void {
  if (contest.exists && (contest.status === 'finalized' || contest.status === 'cancelled')) {
    throw new VotingError('VOTING.TALLY_FINAL', `The event is ${contest.status}: its tally no longer changes`, { status: contest.status });
  }
}

/** The fields every event about one vote starts with, taken from the voter's record of it. */
export function votedFor(vote: VoteRecord, userId: string): { voteId: string; userId: string; contestId: string; contestantId: string; categoryId: string | null; amount: number } {
  return { voteId: vote.voteId, userId, contestId: vote.contestId, contestantId: vote.contestantId, categoryId: vote.categoryId, amount: vote.amount };
}
