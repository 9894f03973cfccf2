import { RecordedEvent } from '@tally/eventstore';
import { ledgerEntryOf, withOwnUnprojectedEntries } from './own-ledger.view';

const USER = '0190a6f0-0000-7000-8000-0000000000aa';
const CONTEST = '0190a6f0-0000-7000-8000-0000000000cc';

function recorded(n: number, type: string, data: object): RecordedEvent {
  return {
    id: `0190a6f1-0000-7000-8000-${String(n).padStart(12, '0')}`,
    streamId: `voter-t.${USER}`,
    revision: n,
    position: `${String(n).padStart(20, '0')}:${String(n).padStart(19, '0')}`,
    type,
    schemaVersion: 1,
    data,
    metadata: { tenantId: 't', actorId: USER, clientIp: null, correlationId: 'c', causationId: null },
    createdAt: new Date(Date.UTC(2026, 2, 1, 12, 0, n)),
  };
}

const grant = recorded(1, 'CreditsGranted', { userId: USER, credits: 5, balanceAfter: 5 });
const vote = recorded(2, 'VoteCast', { userId: USER, voteId: 'v2', contestId: CONTEST, amount: 3, paidUsed: 2, freeUsed: 1, balanceAfter: 3 });
const refund = recorded(3, 'VoteRefunded', { userId: USER, voteId: 'v2', contestId: CONTEST, amount: 3, paidReturned: 2, balanceAfter: 5 });

describe('own ledger entries', () => {
  it('maps each voter event as the votes projection does', () => {
    expect(ledgerEntryOf(grant)).toEqual({ transactionId: grant.id, kind: 'grant', timestamp: '2026-03-01T12:00:01.000Z', eventId: null, voteId: null, voteCount: 0, creditsDelta: 5, remainingVotes: 5 });
    expect(ledgerEntryOf(vote)).toMatchObject({ kind: 'vote', eventId: CONTEST, voteId: 'v2', voteCount: 3, creditsDelta: -2, remainingVotes: 3 });
    expect(ledgerEntryOf(refund)).toMatchObject({ kind: 'refund', voteCount: -3, creditsDelta: 2, remainingVotes: 5 });
  });

  it('puts the entries after the read model\'s newest in front, and leaves a current page alone', () => {
    const projected = { items: [ledgerEntryOf(grant)!], nextCursor: null };
    const merged = withOwnUnprojectedEntries(projected, [refund, vote, grant], 10);
    expect(merged.items.map((entry) => entry.kind)).toEqual(['refund', 'vote', 'grant']);
    const current = { items: [ledgerEntryOf(refund)!, ledgerEntryOf(vote)!, ledgerEntryOf(grant)!], nextCursor: null };
    expect(withOwnUnprojectedEntries(current, [refund, vote], 10)).toBe(current);
  });

  it('keeps the page at its limit, the cursor at the last entry kept', () => {
    const merged = withOwnUnprojectedEntries({ items: [], nextCursor: null }, [refund, vote], 1);
    expect(merged.items.map((entry) => entry.kind)).toEqual(['refund']);
    expect(merged.nextCursor).toBe(`2026-03-01T12:00:03.000Z|${refund.id}`);
  });
});
