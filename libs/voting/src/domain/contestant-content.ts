import { DomainEvent, StreamDecider, streamName } from '@tally/eventstore';

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

export type ContestantNameSubmitted = DomainEvent<
  'ContestantNameSubmitted',
  { submissionId: string; contestId: string; contestantId: string; name: string; at: string }
>;
/**
 * A name approved: the public sees it from now on. The name a contestant was added with is
 * reviewed like a rename, its submission id being the contestant's id (ContestantAdded is its
 * submission, on the contest stream).
 */
export type ContestantNameApproved = DomainEvent<
  'ContestantNameApproved',
  { submissionId: string; contestId: string; contestantId: string; name: string; at: string }
>;
export type ContestantNameRejected = DomainEvent<
  'ContestantNameRejected',
  { submissionId: string; contestId: string; contestantId: string; reason: string; at: string }
>;

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

/** A submission waiting for a moderator: bio and media URLs, or a name. */
export type PendingSubmission = { kind: 'content'; content: ContestantContent } | { kind: 'name'; name: string };

export interface ContestantContentState {
  /** What the public sees: the last approved content, null before any approval. */
  approved: ContestantContent | null;
  /** The last approved name, null before any (the public then sees the name it was added with, or its placeholder). */
  approvedName: string | null;
  /** Submissions waiting for a moderator, by submission id. */
  pending: ReadonlyMap<string, PendingSubmission>;
  /** Whether the name the contestant was added with has been approved or rejected. */
  initialNameDecided: boolean;
}

export function evolveContestantContent(state: ContestantContentState, event: ContestantContentEvent): ContestantContentState {
  const pending = new Map(state.pending);
  switch (event.type) {
    case 'ContestantContentSubmitted':
      pending.set(event.data.submissionId, { kind: 'content', content: event.data.content });
      return { ...state, pending };
    case 'ContestantNameSubmitted':
      pending.set(event.data.submissionId, { kind: 'name', name: event.data.name });
      return { ...state, pending };
    case 'ContestantContentApproved':
      pending.delete(event.data.submissionId);
      return { ...state, approved: event.data.content, pending };
    case 'ContestantNameApproved':
      pending.delete(event.data.submissionId);
      return { ...state, approvedName: event.data.name, pending, initialNameDecided: state.initialNameDecided || isInitialName(event.data) };
    case 'ContestantContentRejected':
      pending.delete(event.data.submissionId);
      return { ...state, pending };
    case 'ContestantNameRejected':
      pending.delete(event.data.submissionId);
      return { ...state, pending, initialNameDecided: state.initialNameDecided || isInitialName(event.data) };
    default: {
      const unknown: never = event;
      throw new Error(`Unknown contestant content event ${(unknown as { type: string }).type}`);
    }
  }
}

function isInitialName(data: { submissionId: string; contestantId: string }): boolean {
  return data.submissionId === data.contestantId;
}

export const contestantContentDecider: StreamDecider<ContestantContentState, ContestantContentEvent> = {
  aggregate: 'contestant_content',
  initialState: () => ({ approved: null, approvedName: null, pending: new Map(), initialNameDecided: false }),
  evolve: evolveContestantContent,
};
