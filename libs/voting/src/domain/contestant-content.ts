import { DomainEvent, StreamDecider, streamName } from '@tally/eventstore';
import type { NameModeration } from './name-moderation';

/**
 * Contestant content (bio, media URLs, and renames) goes through moderation on its own stream per contestant,
 * `contestant_content-<tenant>.<contestantId>`, not the contest stream: the contest stream is folded
 * on every vote and matched by many contexts, so moderation adds nothing to the vote path and no
 * event type other contexts would have to learn.
 */
export const CONTESTANT_CONTENT_CATEGORY = 'contestant_content';
export const contestantContentStream = (tenantId: string, contestantId: string): string => streamName(CONTESTANT_CONTENT_CATEGORY, tenantId, contestantId);

export interface ContestantContent {
  bio: string | null;
  mediaUrls: string[];
}

export type ContestantContentSubmitted = DomainEvent<
  'ContestantContentSubmitted',
  { submissionId: string; contestId: string; contestantId: string; content: ContestantContent; at: string }
>;
export type ContestantContentApproved = DomainEvent<
  'ContestantContentApproved',
  { submissionId: string; contestId: string; contestantId: string; content: ContestantContent; at: string }
>;
export type ContestantContentRejected = DomainEvent<
  'ContestantContentRejected',
  { submissionId: string; contestId: string; contestantId: string; reason: string; at: string }
>;

/**
 * A rename. `moderation` is the tenant's mode when an organizer submitted it: `post`, public at
 * once; `pre` (or absent on events stored before the setting existed), public once approved.
 * Absent too on a moderator's or platform admin's own rename, approved in the same append.
 */
export type ContestantNameSubmitted = DomainEvent<
  'ContestantNameSubmitted',
  { submissionId: string; contestId: string; contestantId: string; name: string; at: string; moderation?: NameModeration }
>;
/**
 * A name approved: the public sees it from now on, unless it was post-moderated (`moderation`
 * `post`: it was public already, or a later name is). The name a contestant was added with is
 * reviewed like a rename, its submission id being the contestant's id (ContestantAdded is its
 * submission, on the contest stream).
 */
export type ContestantNameApproved = DomainEvent<
  'ContestantNameApproved',
  { submissionId: string; contestId: string; contestantId: string; name: string; at: string; moderation?: NameModeration }
>;
/**
 * A name rejected. `shownInstead` is set when the rejection took down the name the public saw (a
 * post-moderated one): what the public sees from now on, the last good name or, with a null
 * `submissionId`, the contestant's "Contestant <n>".
 */
export type ContestantNameRejected = DomainEvent<
  'ContestantNameRejected',
  { submissionId: string; contestId: string; contestantId: string; reason: string; at: string; moderation?: NameModeration; shownInstead?: ShownName }
>;

/** A name the public sees and the submission it came from (null: the contestant's placeholder). */
export interface ShownName {
  submissionId: string | null;
  name: string;
}

export type ContestantContentEvent =
  | ContestantContentSubmitted
  | ContestantContentApproved
  | ContestantContentRejected
  | ContestantNameSubmitted
  | ContestantNameApproved
  | ContestantNameRejected;
export const CONTESTANT_CONTENT_EVENT_TYPES: readonly ContestantContentEvent['type'][] = [
  'ContestantContentSubmitted',
  'ContestantContentApproved',
  'ContestantContentRejected',
  'ContestantNameSubmitted',
  'ContestantNameApproved',
  'ContestantNameRejected',
];

/** A submission waiting for a moderator: bio and media URLs, or a name (with the mode it was submitted under). */
export type PendingSubmission = { kind: 'content'; content: ContestantContent } | { kind: 'name'; name: string; moderation: NameModeration | null };

export type NameStatus = 'pending' | 'approved' | 'rejected';

/** A rename and where its review stands. */
export interface RenameState {
  submissionId: string;
  name: string;
  moderation: NameModeration | null;
  status: NameStatus;
}

export interface ContestantContentState {
  /** What the public sees: the last approved content, null before any approval. */
  approved: ContestantContent | null;
  /** The last approved name, null before any. */
  approvedName: string | null;
  /** Submissions waiting for a moderator, by submission id. */
  pending: ReadonlyMap<string, PendingSubmission>;
  /** How the review of the name the contestant was added with ended, null while undecided (or nothing to review). */
  initialName: Exclude<NameStatus, 'pending'> | null;
  /** Renames in the order they were submitted. */
  renames: readonly RenameState[];
  /** The name this stream last put in front of the public (nameShownBy), null while the add's own shows. */
  shown: ShownName | null;
}

/**
 * The name an event puts in front of the public, if it changes it: an approval (unless the name
 * was post-moderated: public already, or a later name is), a post-moderated rename at once, a
 * rejection that took the shown name down. The `contestant_names` projection applies the same
 * rule, so the decider's `shown` and the public reads agree.
 */
export function nameShownBy(event: ContestantContentEvent): ShownName | undefined {
  switch (event.type) {
    case 'ContestantNameApproved':
      return event.data.moderation === 'post' ? undefined : { submissionId: event.data.submissionId, name: event.data.name };
    case 'ContestantNameSubmitted':
      return event.data.moderation === 'post' ? { submissionId: event.data.submissionId, name: event.data.name } : undefined;
    case 'ContestantNameRejected':
      return event.data.shownInstead;
    case 'ContestantContentSubmitted':
    case 'ContestantContentApproved':
    case 'ContestantContentRejected':
      return undefined;
    default: {
      const unknown: never = event;
      throw new Error(`Unknown contestant content event ${(unknown as { type: string }).type}`);
    }
  }
}

export function evolveContestantContent(state: ContestantContentState, event: ContestantContentEvent): ContestantContentState {
  const shown = nameShownBy(event) ?? state.shown;
  const pending = new Map(state.pending);
  switch (event.type) {
    case 'ContestantContentSubmitted':
      pending.set(event.data.submissionId, { kind: 'content', content: event.data.content });
      return { ...state, pending };
    case 'ContestantNameSubmitted': {
      const { submissionId, name, moderation = null } = event.data;
      pending.set(submissionId, { kind: 'name', name, moderation });
      return { ...state, pending, renames: [...state.renames, { submissionId, name, moderation, status: 'pending' }], shown };
    }
    case 'ContestantContentApproved':
      pending.delete(event.data.submissionId);
      return { ...state, approved: event.data.content, pending };
    case 'ContestantNameApproved':
      pending.delete(event.data.submissionId);
      return { ...decidedName(state, event.data, 'approved'), approvedName: event.data.name, pending, shown };
    case 'ContestantContentRejected':
      pending.delete(event.data.submissionId);
      return { ...state, pending };
    case 'ContestantNameRejected':
      pending.delete(event.data.submissionId);
      return { ...decidedName(state, event.data, 'rejected'), pending, shown };
    default: {
      const unknown: never = event;
      throw new Error(`Unknown contestant content event ${(unknown as { type: string }).type}`);
    }
  }
}

/** The name the contestant was added with is reviewed under its contestant id; any other is a rename. */
function decidedName(state: ContestantContentState, data: { submissionId: string; contestantId: string }, status: 'approved' | 'rejected'): ContestantContentState {
  if (data.submissionId === data.contestantId) return { ...state, initialName: state.initialName ?? status };
  return { ...state, renames: state.renames.map((rename) => (rename.submissionId === data.submissionId ? { ...rename, status } : rename)) };
}

export const contestantContentDecider: StreamDecider<ContestantContentState, ContestantContentEvent> = {
  aggregate: 'contestant_content',
  initialState: () => ({ approved: null, approvedName: null, pending: new Map(), initialName: null, renames: [], shown: null }),
  evolve: evolveContestantContent,
};
