import { ContestantContentApproved, ContestantContentRejected, ContestantContentState } from '../../domain/contestant-content';
import { VotingError } from '../../voting.errors';

export type ContentReviewDecision = { approve: true } | { approve: false; reason: string };

/** A pending submission is approved (it becomes what the public sees) or rejected with a reason; each is decided once. */
export function decideReviewContestantContent(
  state: ContestantContentState,
  ids: { contestId: string; contestantId: string; submissionId: string },
  decision: ContentReviewDecision,
  now: Date,
): (ContestantContentApproved | ContestantContentRejected)[] {
  const content = state.pending.get(ids.submissionId);
  if (content === undefined) throw new VotingError('VOTING.SUBMISSION_NOT_FOUND', 'No such content submission waiting for review', { submissionId: ids.submissionId });
  const at = now.toISOString();
  if (decision.approve) return [{ type: 'ContestantContentApproved', data: { ...ids, content, at } }];
  return [{ type: 'ContestantContentRejected', data: { ...ids, reason: decision.reason, at } }];
}
