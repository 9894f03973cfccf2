import { RecordedEvent } from '@tally/eventstore';
import { VoterEvent } from '../../domain/voter.events';
import { LedgerEntryView, Page } from './votes.queries';

/**
 * The ledger entry of a voter event (none for a release or a hold), as the votes projection writes it (votes-batch.ts
 * `ledgerRow`): the same kinds, signs and remaining balance, so an entry read from the stream
 * equals the row the read model gets a moment later.
 */
export function ledgerEntryOf(recorded: RecordedEvent): LedgerEntryView | null {
  const event = { type: recorded.type, data: recorded.data } as VoterEvent;
  const entry = (kind: string, eventId: string | null, voteId: string | null, voteCount: number, creditsDelta: number, remainingVotes: number): LedgerEntryView => ({
    transactionId: recorded.id,
    kind,
    timestamp: recorded.createdAt.toISOString(),
    eventId,
    voteId,
    voteCount,
    creditsDelta,
    remainingVotes,
  });
  switch (event.type) {
    case 'CreditsGranted':
      return entry('grant', null, null, 0, event.data.credits, event.data.balanceAfter);
    case 'CreditsRevoked':
      return entry('revoke', null, null, 0, -event.data.credits, event.data.balanceAfter);
    case 'VoteCast':
      return entry('vote', event.data.contestId, event.data.voteId, event.data.amount, -event.data.paidUsed, event.data.balanceAfter);
    case 'VoteRefunded':
      return entry('refund', event.data.contestId, event.data.voteId, -event.data.amount, event.data.paidReturned, event.data.balanceAfter);
    case 'VoteVoided':
      return entry('void', event.data.contestId, event.data.voteId, -event.data.amount, event.data.paidReturned, event.data.balanceAfter);
    case 'HeldVoteRejected':
      return entry('reject', event.data.contestId, event.data.voteId, -event.data.amount, event.data.paidReturned, event.data.balanceAfter);
    // Review decisions that only change whether a vote counts move no credits: no ledger entry.
    case 'HeldVoteReleased':
    case 'VoteHeldForReview':
      return null;
    default: {
      const unknown: never = event;
      throw new Error(`Unexpected voter event ${(unknown as { type: string }).type}`);
    }
  }
}

/**
 * The first page of a voter's ledger with the entries the read model has not applied yet put in
 * front: `newestFirst` is the voter's stream read backwards (at most a page), and every event
 * after the read model's newest entry is missing from it. Past a page of missing entries, the
 * extra ones show once the read model catches up.
 */
export function withOwnUnprojectedEntries(page: Page<LedgerEntryView>, newestFirst: readonly RecordedEvent[], limit: number): Page<LedgerEntryView> {
  const newest = page.items[0]?.transactionId;
  const missing: LedgerEntryView[] = [];
  for (const recorded of newestFirst) {
    if (recorded.id === newest) break;
    const entry = ledgerEntryOf(recorded);
    if (entry) missing.push(entry);
  }
  // A read model with no entry at all: every event read is missing (the loop never met `newest`).
  if (missing.length === 0) return page;
  const merged = [...missing, ...page.items];
  if (merged.length <= limit) return { items: merged, nextCursor: page.nextCursor };
  const items = merged.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: `${last.timestamp}|${last.transactionId}` };
}
