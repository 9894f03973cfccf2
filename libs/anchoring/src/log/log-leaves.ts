import { RecordedEvent } from '@tally/eventstore';
import type { HeldVoteRejected, HeldVoteReleased, VoteCast, VoteHeldForReview, VoteRefunded, VoteVoided } from '@tally/voting';
import { LogEntry } from './domain/log-entry';

/** The voting events that change a contest's tally, each one leaf of the contest's log. */
export const LOGGED_EVENT_TYPES = ['VoteCast', 'HeldVoteReleased', 'HeldVoteRejected', 'VoteHeldForReview', 'VoteRefunded', 'VoteVoided'] as const;

type Logged = VoteCast | HeldVoteReleased | HeldVoteRejected | VoteHeldForReview | VoteRefunded | VoteVoided;

/** A leaf to append: its public entry, plus who voted (private, for the ballot snapshot). */
export interface LogLeaf {
  tenantId: string;
  userId: string;
  entry: LogEntry;
}

export function logLeafOf(recorded: RecordedEvent): LogLeaf | null {
  const event = { type: recorded.type, data: recorded.data } as Logged;
  const base = { v: 1 as const, eventId: recorded.id, status: null, wasCounted: null, reason: null };
  let entry: LogEntry;
  switch (event.type) {
    case 'VoteCast': {
      const d = event.data;
      entry = { ...base, kind: 'vote-cast', contestId: d.contestId, voteId: d.voteId, contestantId: d.contestantId, amount: d.amount, status: d.status, at: d.castAt };
      break;
    }
    case 'HeldVoteReleased':
    case 'HeldVoteRejected':
    case 'VoteHeldForReview': {
      const d = event.data;
      const kind = event.type === 'HeldVoteReleased' ? 'held-vote-released' : event.type === 'HeldVoteRejected' ? 'held-vote-rejected' : 'vote-held-for-review';
      entry = { ...base, kind, contestId: d.contestId, voteId: d.voteId, contestantId: d.contestantId, amount: d.amount, reason: d.reason, at: d.at };
      break;
    }
    case 'VoteRefunded': {
      const d = event.data;
      entry = { ...base, kind: 'vote-refunded', contestId: d.contestId, voteId: d.voteId, contestantId: d.contestantId, amount: d.amount, wasCounted: d.wasCounted, at: d.at };
      break;
    }
    case 'VoteVoided': {
      const d = event.data;
      entry = { ...base, kind: 'vote-voided', contestId: d.contestId, voteId: d.voteId, contestantId: d.contestantId, amount: d.amount, wasCounted: d.wasCounted, reason: d.reason ?? 'credits-revoked', at: d.at };
      break;
    }
    default: {
      const other: never = event;
      void other;
      return null;
    }
  }
  return { tenantId: recorded.metadata.tenantId, userId: event.data.userId, entry };
}
