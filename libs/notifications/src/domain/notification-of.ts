import { ContestStatus } from '@tally/voting';
import { NotificationKind, ReceiptsAnchored } from './push.events';
import { Notification } from './notification';

/** The part of a recorded event the notification rule reads (the reactor passes the RecordedEvent). */
export interface SourceEvent {
  id: string;
  type: string;
  data: unknown;
  createdAt: Date;
}

interface StatusChange {
  contestId: string;
  from: ContestStatus;
  to: ContestStatus;
  at: string;
}

interface ReviewedVote {
  voteId: string;
  userId: string;
  contestId: string;
  amount: number;
  at: string;
}

/**
 * Which notification an event asks for, if any. An event opening (or reopening) goes to its
 * followers and those who voted in it before; closing to the same people; a review decision to
 * the vote's voter; anchored receipts to the voter noted (one per anchor). `notificationId` is the event's id: one event, one notification, so a
 * redelivered or replayed event finds its deliveries already in the ledger.
 */
export function notificationOf(event: SourceEvent): Notification | null {
  const base = { notificationId: event.id, at: event.createdAt.toISOString() };
  switch (event.type) {
    case 'ContestStatusChanged': {
      const d = event.data as StatusChange;
      const kind: NotificationKind | null = d.to === 'open' ? 'contest-opened' : d.to === 'closed' ? 'contest-closed' : null;
      return kind ? { ...base, kind, audience: { contestId: d.contestId }, contestId: d.contestId } : null;
    }
    case 'ContestClosingSoon': {
      const d = event.data as { contestId: string };
      return { ...base, kind: 'contest-closing', audience: { contestId: d.contestId }, contestId: d.contestId };
    }
    case 'FavouriteRankChanged': {
      const d = event.data as { userId: string; contestId: string; contestantId: string; contestantName: string; from: number; to: number };
      const rank = { contestantId: d.contestantId, contestantName: d.contestantName, from: d.from, to: d.to };
      return { ...base, kind: 'rank-changed', audience: { userId: d.userId }, contestId: d.contestId, rank };
    }
    case 'ReceiptsAnchored': {
      const d = event.data as ReceiptsAnchored['data'];
      const anchor = { anchorId: d.anchorId, chain: d.chain, txHash: d.txHash };
      return { ...base, kind: 'receipt-anchored', audience: { userId: d.userId }, contestId: d.contestId, vote: { voteId: d.voteId, amount: d.votes }, anchor };
    }
    case 'HeldVoteReleased':
    case 'HeldVoteRejected': {
      const d = event.data as ReviewedVote;
      const kind: NotificationKind = event.type === 'HeldVoteReleased' ? 'vote-released' : 'vote-rejected';
      return { ...base, kind, audience: { userId: d.userId }, contestId: d.contestId, vote: { voteId: d.voteId, amount: d.amount } };
    }
    default:
      return null;
  }
}
