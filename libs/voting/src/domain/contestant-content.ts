import { DomainEvent, StreamDecider, streamName } from '@tally/eventstore';

/**
 * Contestant content (bio, media URLs) goes through moderation on its own stream per contestant,
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

export type ContestantContentEvent = ContestantContentSubmitted | ContestantContentApproved | ContestantContentRejected;
export const CONTESTANT_CONTENT_EVENT_TYPES: readonly ContestantContentEvent['type'][] = ['ContestantContentSubmitted', 'ContestantContentApproved', 'ContestantContentRejected'];

export interface ContestantContentState {
  /** What the public sees: the last approved content, null before any approval. */
  approved: ContestantContent | null;
  /** Submissions waiting for a moderator, by submission id. */
  pending: ReadonlyMap<string, ContestantContent>;
}

export function evolveContestantContent(state: ContestantContentState, event: ContestantContentEvent): ContestantContentState {
  const pending = new Map(state.pending);
  switch (event.type) {
    case 'ContestantContentSubmitted':
      pending.set(event.data.submissionId, event.data.content);
      return { ...state, pending };
    case 'ContestantContentApproved':
      pending.delete(event.data.submissionId);
      return { approved: event.data.content, pending };
    case 'ContestantContentRejected':
      pending.delete(event.data.submissionId);
      return { ...state, pending };
    default: {
      const unknown: never = event;
      throw new Error(`Unknown contestant content event ${(unknown as { type: string }).type}`);
    }
  }
}

export const contestantContentDecider: StreamDecider<ContestantContentState, ContestantContentEvent> = {
  aggregate: 'contestant_content',
  initialState: () => ({ approved: null, pending: new Map() }),
  evolve: evolveContestantContent,
};
