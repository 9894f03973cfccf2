import {
  ContestantContentApproved,
  ContestantContentRejected,
  ContestantContentState,
  ContestantNameApproved,
  ContestantNameRejected,
  PendingSubmission,
  ShownName,
} from '../../domain/contestant-content';
import { ContestantState } from '../../domain/contest.state';
import { VotingError } from '../../voting.errors';

export type ContentReviewDecision = { approve: true } | { approve: false; reason: string };
type ReviewIds = { contestId: string; contestantId: string; submissionId: string };
export type ContentReviewEvent = ContestantContentApproved | ContestantContentRejected | ContestantNameApproved | ContestantNameRejected;
/** The name a contestant was added with (its ContestantAdded, on the contest stream), as its review needs it. */
export type AddedName = Pick<ContestantState, 'name' | 'nameReview' | 'placeholder'>;
type PendingName = Extract<PendingSubmission, { kind: 'name' }>;

/**
 * A pending submission (bio and media, or a name) is approved or rejected with a reason; each is
 * decided once. The name a contestant was added with (`added`, when it is reviewed) has the
 * contestant's id as its submission id. An approved name shows unless it was post-moderated (public
 * already); a rejected post-moderated name that the public sees is taken down, and the event
 * records what shows instead.
 */
export function decideReviewContestantContent(state: ContestantContentState, ids: ReviewIds, decision: ContentReviewDecision, now: Date, added?: AddedName): ContentReviewEvent[] {
  const submission = pendingSubmission(state, ids, added);
  if (submission === undefined) throw new VotingError('VOTING.SUBMISSION_NOT_FOUND', 'No such content submission waiting for review', { submissionId: ids.submissionId });
  const at = now.toISOString();
  if (submission.kind === 'name') return decideName(state, ids, submission, decision, at, added);
  if (decision.approve) return [{ type: 'ContestantContentApproved', data: { ...ids, content: submission.content, at } }];
  return [{ type: 'ContestantContentRejected', data: { ...ids, reason: decision.reason, at } }];
}

function decideName(state: ContestantContentState, ids: ReviewIds, name: PendingName, decision: ContentReviewDecision, at: string, added: AddedName | undefined): ContentReviewEvent[] {
  if (added === undefined) throw new VotingError('VOTING.CONTESTANT_NOT_FOUND', 'No such contestant in this event', { contestantId: ids.contestantId });
  const moderation = name.moderation === null ? {} : { moderation: name.moderation };
  if (decision.approve) return [{ type: 'ContestantNameApproved', data: { ...ids, name: name.name, at, ...moderation } }];
  const takenDown = name.moderation === 'post' && shownSubmissionId(state, ids) === ids.submissionId;
  const shownInstead = takenDown ? { shownInstead: lastGoodName(state, ids, added) } : {};
  return [{ type: 'ContestantNameRejected', data: { ...ids, reason: decision.reason, at, ...moderation, ...shownInstead } }];
}

function pendingSubmission(state: ContestantContentState, ids: ReviewIds, added: AddedName | undefined): PendingSubmission | undefined {
  const queued = state.pending.get(ids.submissionId);
  if (queued !== undefined) return queued;
  const isInitialName = ids.submissionId === ids.contestantId && added !== undefined && added.nameReview !== null && state.initialName === null;
  return isInitialName ? { kind: 'name', name: added.name, moderation: added.nameReview } : undefined;
}

/** Which submission's name the public sees: the add's own (the contestant id) until this stream showed another; null for the placeholder. */
function shownSubmissionId(state: ContestantContentState, ids: ReviewIds): string | null {
  return state.shown === null ? ids.contestantId : state.shown.submissionId;
}

/**
 * What the public sees once a shown name is taken down: the latest name submitted before it that
 * is approved or public while it waits (post-moderated), the added name counting as the first;
 * else the contestant's "Contestant <n>".
 */
function lastGoodName(state: ContestantContentState, ids: ReviewIds, added: AddedName): ShownName {
  const initialIsGood = added.nameReview === null || state.initialName === 'approved' || (state.initialName === null && added.nameReview === 'post');
  const initial = { submissionId: ids.contestantId, name: added.name, good: initialIsGood && ids.submissionId !== ids.contestantId };
  const rejectedAt = state.renames.findIndex((rename) => rename.submissionId === ids.submissionId);
  const earlier = rejectedAt < 0 ? [] : state.renames.slice(0, rejectedAt);
  const renames = earlier.map((rename) => ({ submissionId: rename.submissionId, name: rename.name, good: rename.status === 'approved' || (rename.status === 'pending' && rename.moderation === 'post') }));
  const good = [initial, ...renames].filter((candidate) => candidate.good).pop();
  return good === undefined ? { submissionId: null, name: added.placeholder } : { submissionId: good.submissionId, name: good.name };
}
