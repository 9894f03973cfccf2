import { DomainEvent } from '@tally/eventstore';

export const DISPUTE_CATEGORY = 'dispute';

/** What a case is about: a payment (a charge the voter contests) or a vote (a complaint about it). */
export type DisputeKind = 'payment' | 'vote';
export const DISPUTE_KINDS: readonly DisputeKind[] = ['payment', 'vote'];

/**
 * Why it was opened: a code, never free text, so events carry no personal data (a shredded
 * subject's cases stay readable). `provider:<code>` is the payment provider's own reason.
 */
export type DisputeReason = 'not_authorised' | 'duplicate' | 'not_received' | 'vote_not_counted' | 'wrong_contestant' | 'suspected_fraud' | 'other';
export const DISPUTE_REASONS: readonly DisputeReason[] = ['not_authorised', 'duplicate', 'not_received', 'vote_not_counted', 'wrong_contestant', 'suspected_fraud', 'other'];

/** Who opened it: the voter about their own vote or payment, staff (organizer, admin), or the provider's dispute webhook. */
export type DisputeOpener = 'voter' | 'staff' | 'provider';

export type DisputeStatus = 'open' | 'investigating' | 'resolved' | 'withdrawn';
export const DISPUTE_STATUSES: readonly DisputeStatus[] = ['open', 'investigating', 'resolved', 'withdrawn'];

export type DisputeResolution = 'upheld' | 'rejected';
export const DISPUTE_RESOLUTIONS: readonly DisputeResolution[] = ['upheld', 'rejected'];

/**
 * The money/credit effect of an upheld case, carried out by the voting context's own commands
 * (so it is an event on the voter's ledger too): credits given back (a grant), the disputed vote
 * voided (its paid credits return), or credits taken back (reversing a grant that should not
 * have been made). `none` when nothing moves (a rejected case, or money handled by the provider).
 */
export type DisputeEffect =
  | { type: 'none' }
  | { type: 'refund_credits'; credits: number }
  | { type: 'void_vote'; voteId: string }
  | { type: 'reverse_grant'; credits: number };
export type DisputeEffectType = DisputeEffect['type'];
export const DISPUTE_EFFECT_TYPES: readonly DisputeEffectType[] = ['none', 'refund_credits', 'void_vote', 'reverse_grant'];

export type DisputeCaseOpened = DomainEvent<
  'DisputeCaseOpened',
  {
    caseId: string;
    kind: DisputeKind;
    /** The voter the case is about (whose vote or payment it is). */
    userId: string;
    voteId: string | null;
    paymentId: string | null;
    reason: string;
    openedBy: DisputeOpener;
    /** The provider's dispute id when the provider opened it. */
    providerDisputeId: string | null;
    at: string;
  }
>;

export type DisputeCaseInvestigated = DomainEvent<'DisputeCaseInvestigated', { caseId: string; at: string }>;

export type DisputeCaseResolved = DomainEvent<
  'DisputeCaseResolved',
  {
    caseId: string;
    userId: string;
    resolution: DisputeResolution;
    effect: DisputeEffect;
    /** The id the effect is applied under (grant or revoke id): derived from the case, so it applies once. */
    operationId: string;
    at: string;
  }
>;

export type DisputeCaseWithdrawn = DomainEvent<'DisputeCaseWithdrawn', { caseId: string; at: string }>;

export type DisputeEvent = DisputeCaseOpened | DisputeCaseInvestigated | DisputeCaseResolved | DisputeCaseWithdrawn;

export const DISPUTE_EVENT_TYPES: readonly DisputeEvent['type'][] = ['DisputeCaseOpened', 'DisputeCaseInvestigated', 'DisputeCaseResolved', 'DisputeCaseWithdrawn'];
