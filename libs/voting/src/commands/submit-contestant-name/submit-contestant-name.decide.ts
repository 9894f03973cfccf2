import { checkedName } from '../../domain/content-checks';
import { ContestantNameApproved, ContestantNameSubmitted } from '../../domain/contestant-content';
import { ContestState } from '../../domain/contest.state';
import { NamePolicy } from '../../domain/name-moderation';
import { VotingError } from '../../voting.errors';

/**
 * A rename is checked first (length, the tenant's banned terms: 422 naming `name`), then moderated
 * like the name a contestant is added with: `post` (the default), public at once and queued; `pre`,
 * the public keeps the last approved name (or "Contestant <n>") until a moderator approves it. A
 * reviewer's own rename is approved in the same append.
 */
export function decideSubmitContestantName(
  contest: ContestState,
  contestantId: string,
  name: string,
  policy: NamePolicy,
  submission: { submissionId: string; byReviewer: boolean },
  now: Date,
): (ContestantNameSubmitted | ContestantNameApproved)[] {
  if (!contest.exists) throw new VotingError('VOTING.EVENT_NOT_FOUND', 'No such event');
  if (!contest.contestants.has(contestantId)) throw new VotingError('VOTING.CONTESTANT_NOT_FOUND', 'No such contestant in this event', { contestantId });
  const data = { submissionId: submission.submissionId, contestId: contest.contestId, contestantId, name: checkedName(name, policy.bannedTerms), at: now.toISOString() };
  if (submission.byReviewer) return [{ type: 'ContestantNameSubmitted', data }, { type: 'ContestantNameApproved', data }];
  return [{ type: 'ContestantNameSubmitted', data: { ...data, moderation: policy.moderation } }];
}
