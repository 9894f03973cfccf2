import {
  ContestantContentApproved,
  ContestantContentRejected,
  ContestantContentState,
  ContestantNameApproved,
  ContestantNameRejected,
  PendingSubmission,
} from '../../domain/contestant-content';
import { VotingError } from '../../voting.errors';

export type ContentReviewDecision = { approve: true } | { approve: false; reason: string };
type ReviewIds = { contestId: string; contestantId: string; submissionId: string };
export type ContentReviewEvent = ContestantContentApproved | ContestantContentRejected | ContestantNameApproved | ContestantNameRejected;

/**
 * A pending submission (bio and media, or a name) is approved (it becomes what the public sees) or
 * rejected with a reason; each is decided once. `initialName` is the name the contestant was added
 * with when that name waits for a moderator (its submission id is the contestant's id).
 */
export function decideReviewContestantContent(state: ContestantContentState, ids: ReviewIds, decision: ContentReviewDecision, now: Date, initialName: string | null = null): ContentReviewEvent[] {
  const submission = pendingSubmission(state, ids, initialName);
  if (submission === undefined) throw new VotingError('VOTING.SUBMISSION_NOT_FOUND', 'No such content submission waiting for review', { submissionId: ids.submissionId });
  const at = now.toISOString();
  if (submission.kind === 'name') {
    if (decision.approve) return [{ type: 'ContestantNameApproved', data: { ...ids, name: submission.name, at } }];
    return [{ type: 'ContestantNameRejected', data: { ...ids, reason: decision.reason, at } }];
  }
  if (decision.approve) return [{ type: 'ContestantContentApproved', data: { ...ids, content: submission.content, at } }];
  return [{ type: 'ContestantContentRejected', data: { ...ids, reason: decision.reason, at } }];
}

function pendingSubmission(state: ContestantContentState, ids: ReviewIds, initialName: string | null): PendingSubmission | undefined {
  const queued = state.pending.get(ids.submissionId);
  if (queued !== undefined) return queued;
  const isInitialName = ids.submissionId === ids.contestantId && initialName !== null && !state.initialNameDecided;
  return isInitialName ? { kind: 'name', name: initialName } : undefined;
}
