import { checkedName } from '../../domain/content-checks';
import { ContestantNameApproved, ContestantNameSubmitted } from '../../domain/contestant-content';
import { ContestState } from '../../domain/contest.state';
import { VotingError } from '../../voting.errors';

/**
 * A rename waits for a moderator like a bio: the public keeps seeing the last approved name (or the
 * "Contestant <n>" placeholder) until it is approved. Checked first (length, the tenant's banned
 * terms: 422 naming `name`); a reviewer's own rename is approved in the same append.
 */
export function decideSubmitContestantName(
  contest: ContestState,
  contestantId: string,
  name: string,
  bannedTerms: readonly string[],
  submission: { submissionId: string; byReviewer: boolean },
  now: Date,
): (ContestantNameSubmitted | ContestantNameApproved)[] {
  if (!contest.exists) throw new VotingError('VOTING.EVENT_NOT_FOUND', 'No such event');
  if (!contest.contestants.has(contestantId)) throw new VotingError('VOTING.CONTESTANT_NOT_FOUND', 'No such contestant in this event', { contestantId });
  const data = { submissionId: submission.submissionId, contestId: contest.contestId, contestantId, name: checkedName(name, bannedTerms), at: now.toISOString() };
  const submitted: ContestantNameSubmitted = { type: 'ContestantNameSubmitted', data };
  return submission.byReviewer ? [submitted, { type: 'ContestantNameApproved', data }] : [submitted];
}
