import { usageFactOf, UsageSourceEvent } from './usage-fact';

const event = (type: string, data: object): UsageSourceEvent => ({
  id: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f',
  type,
  data,
  metadata: { tenantId: 't1' },
  createdAt: new Date('2026-05-01T10:00:00.000Z'),
});
const base = { eventId: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f', tenantId: 't1', at: '2026-05-01T10:00:00.000Z' };

describe('usage facts (what billing counts of an event)', () => {
  it('counts the votes a VoteCast carries, split into paid, free and subscription-quota votes', () => {
    const cast = event('VoteCast', { voteId: 'v', amount: 7, paidUsed: 4, freeUsed: 1, quota: { subscriptionId: 's', planId: 'p', day: 'd', used: 2, dailyQuota: 5 } });
    expect(usageFactOf(cast)).toEqual({ ...base, kind: 'vote-cast', votes: 7, paidVotes: 4, freeVotes: 1, quotaVotes: 2, currency: null, amountMinor: 0 });
    expect(usageFactOf(event('VoteCast', { amount: 3, paidUsed: 3, freeUsed: 0 }))).toMatchObject({ votes: 3, paidVotes: 3, quotaVotes: 0 });
  });

  it('counts refunded, voided and rejected votes by their amount', () => {
    expect(usageFactOf(event('VoteRefunded', { amount: 2, paidReturned: 2, freeReturned: 0 }))).toMatchObject({ kind: 'vote-refunded', votes: 2, paidVotes: 0 });
    expect(usageFactOf(event('VoteVoided', { amount: 5, paidReturned: 0 }))).toMatchObject({ kind: 'vote-voided', votes: 5 });
    expect(usageFactOf(event('HeldVoteRejected', { amount: 1 }))).toMatchObject({ kind: 'vote-rejected', votes: 1 });
  });

  it('takes a payment and a refund in minor units with their currency', () => {
    expect(usageFactOf(event('PaymentCompleted', { paymentId: 'p', votes: 10, amount: { amount: 1250, currency: 'EUR' } }))).toEqual({
      ...base,
      kind: 'payment-completed',
      votes: 0,
      paidVotes: 0,
      freeVotes: 0,
      quotaVotes: 0,
      currency: 'EUR',
      amountMinor: 1250,
    });
    expect(usageFactOf(event('PaymentRefunded', { amount: { amount: 500, currency: 'JPY' } }))).toMatchObject({ kind: 'payment-refunded', currency: 'JPY', amountMinor: 500 });
  });

  it('ignores other events, and a payment without a currency', () => {
    expect(usageFactOf(event('CreditsGranted', { credits: 5 }))).toBeNull();
    expect(usageFactOf(event('PaymentCompleted', { amount: 1250 }))).toBeNull();
  });
});
