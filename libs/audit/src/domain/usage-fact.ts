import { asSnapshot } from './audit-entry';

/**
 * What billing needs of one event, read from the event alone (audit reads no other context's
 * tables): the votes it cast or took back, and the money a payment took in or gave back in its
 * currency's minor units. `tenant_usage` sums these per tenant and UTC day.
 */
export interface UsageFact {
  eventId: string;
  tenantId: string;
  at: string;
  kind: UsageFactKind;
  /** Votes cast or taken back (VoteCast/VoteRefunded/VoteVoided/HeldVoteRejected `amount`). */
  votes: number;
  /** Of a cast vote: paid with credits, from the free daily allowance, from a subscription quota. */
  paidVotes: number;
  freeVotes: number;
  quotaVotes: number;
  /** ISO-4217 code of a payment or refund; null for votes. */
  currency: string | null;
  /** Minor units (cents) charged or refunded; 0 for votes. */
  amountMinor: number;
}

export type UsageFactKind = 'vote-cast' | 'vote-refunded' | 'vote-voided' | 'vote-rejected' | 'payment-completed' | 'payment-refunded';

/** The event types usage facts come from (the projection's filter). */
export const USAGE_EVENT_TYPES: readonly string[] = ['VoteCast', 'VoteRefunded', 'VoteVoided', 'HeldVoteRejected', 'PaymentCompleted', 'PaymentRefunded'];

const VOTE_KINDS: Readonly<Record<string, UsageFactKind>> = {
  VoteCast: 'vote-cast',
  VoteRefunded: 'vote-refunded',
  VoteVoided: 'vote-voided',
  HeldVoteRejected: 'vote-rejected',
};

const PAYMENT_KINDS: Readonly<Record<string, UsageFactKind>> = {
  PaymentCompleted: 'payment-completed',
  PaymentRefunded: 'payment-refunded',
};

export interface UsageSourceEvent {
  id: string;
  type: string;
  data: unknown;
  metadata: { tenantId: string };
  createdAt: Date;
}

/** The usage fact of an event, or null for an event billing does not count. */
export function usageFactOf(event: UsageSourceEvent): UsageFact | null {
  const data = asSnapshot(event.data);
  const base = { eventId: event.id, tenantId: event.metadata.tenantId, at: event.createdAt.toISOString() };
  const voteKind = VOTE_KINDS[event.type];
  if (voteKind) {
    const cast = voteKind === 'vote-cast';
    return {
      ...base,
      kind: voteKind,
      votes: whole(data.amount),
      paidVotes: cast ? whole(data.paidUsed) : 0,
      freeVotes: cast ? whole(data.freeUsed) : 0,
      quotaVotes: cast ? whole(asSnapshot(data.quota).used) : 0,
      currency: null,
      amountMinor: 0,
    };
  }
  const paymentKind = PAYMENT_KINDS[event.type];
  if (paymentKind) {
    const money = asSnapshot(data.amount);
    if (typeof money.currency !== 'string') return null;
    return { ...base, kind: paymentKind, votes: 0, paidVotes: 0, freeVotes: 0, quotaVotes: 0, currency: money.currency, amountMinor: whole(money.amount) };
  }
  return null;
}

/** Counts and minor units are whole numbers; anything else in an event counts as none. */
function whole(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : 0;
}
