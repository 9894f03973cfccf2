import { DomainEvent } from '@tally/eventstore';
import type { VoteQuotaUse } from '../quota/subscription-quota.port';
import type { ScreeningRecord } from '../screening/vote-screening.port';

/** Where granted credits come from; `ref` names the payment, subscription or admin action. */
export interface CreditSource {
  kind: 'payment' | 'subscription' | 'admin' | 'demo';
  ref: string;
}

export type VoteStatus = 'accepted' | 'held';

/** What a cast vote left the voter with; replayed verbatim for a repeated idempotency key. */
export interface VoteRemaining {
  credits: number;
  quotaToday: number;
  capLeft: number;
}

export type CreditsGranted = DomainEvent<
  'CreditsGranted',
  { grantId: string; userId: string; credits: number; source: CreditSource; balanceAfter: number; at: string }
>;

export type CreditsRevoked = DomainEvent<
  'CreditsRevoked',
  {
    revokeId: string;
    userId: string;
    /** Taken from the balance (may be less than requested when credits were already spent). */
    credits: number;
    requested: number;
    reason: string;
    ref: string;
    balanceAfter: number;
    at: string;
  }
>;

export type VoteCast = DomainEvent<
  'VoteCast',
  {
    voteId: string;
    userId: string;
    contestId: string;
    contestantId: string;
    categoryId: string | null;
    amount: number;
    /** The event's free daily votes and the paid credits spent (with `quota`, in the event's spending order). */
    freeUsed: number;
    paidUsed: number;
    /** UTC day the free allowance was counted on (YYYY-MM-DD). */
    day: string;
    status: VoteStatus;
    castAt: string;
    idempotencyKey: string;
    /** The request's canonical body; a replay with another body is refused. */
    fingerprint: string;
    /** SHA-256 of the vote's canonical fields (see vote-hash.ts). */
    hash: string;
    balanceAfter: number;
    remaining: VoteRemaining;
    /** The fraud screening's score, decision and factors; absent when nothing scored the vote. */
    screening?: ScreeningRecord;
    /** Votes counted from the voter's subscription quota (absent when none): part of the same append, so never over quota. */
    quota?: VoteQuotaUse;
  }
>;

export type VoteRefunded = DomainEvent<
  'VoteRefunded',
  {
    voteId: string;
    userId: string;
    contestId: string;
    contestantId: string;
    categoryId: string | null;
    amount: number;
    freeReturned: number;
    paidReturned: number;
    day: string;
    /** Whether the vote counted on the leaderboard (accepted, not held). */
    wasCounted: boolean;
    by: 'voter' | 'organizer';
    balanceAfter: number;
    at: string;
  }
>;

/**
 * Why a vote was voided: the credits that paid for it were revoked (payment refund, chargeback),
 * fraud review found it after the fact, or an upheld dispute about it (the disputes context).
 * Events stored before `reason` existed are credit voids.
 */
export type VoidReason = 'credits-revoked' | 'fraud' | 'dispute';

/** A vote voided after the fact: a compensating event, the leaderboard drops it if it counted. */
export type VoteVoided = DomainEvent<
  'VoteVoided',
  {
    voteId: string;
    userId: string;
    contestId: string;
    contestantId: string;
    categoryId: string | null;
    amount: number;
    /** Absent on events stored before it existed: read as 'credits-revoked'. */
    reason?: VoidReason;
    /** The credit revocation behind a 'credits-revoked' void; null for a fraud void. */
    revokeId: string | null;
    /** The fraud finding behind a 'fraud' void, or the dispute case behind a 'dispute' void. */
    findingId?: string;
    /** Spent credits recovered by voiding this vote (counted against the revoke's shortfall). */
    paidRecovered: number;
    /** Paid credits of the vote beyond the revoked shortfall go back to the balance. */
    paidReturned: number;
    wasCounted: boolean;
    balanceAfter: number;
    at: string;
  }
>;

/** The vote a fraud review decision is about (its fraud case has the vote's id); the actor is in the metadata. */
interface ReviewedVote {
  voteId: string;
  userId: string;
  contestId: string;
  contestantId: string;
  categoryId: string | null;
  amount: number;
  /** Why, in the reviewer's or the detector's words. */
  reason: string;
  at: string;
}

/** A held vote cleared by review: it counts from now on. */
export type HeldVoteReleased = DomainEvent<'HeldVoteReleased', ReviewedVote>;

/** A held vote refused by review: it never counts, its credits (and free votes) go back. */
export type HeldVoteRejected = DomainEvent<
  'HeldVoteRejected',
  ReviewedVote & { freeReturned: number; paidReturned: number; day: string; balanceAfter: number }
>;

/** A counted vote held after the fact (a suspicious pattern): it stops counting until reviewed. */
export type VoteHeldForReview = DomainEvent<'VoteHeldForReview', ReviewedVote & { findingId: string }>;

export type VoterEvent = CreditsGranted | CreditsRevoked | VoteCast | VoteRefunded | VoteVoided | HeldVoteReleased | HeldVoteRejected | VoteHeldForReview;
export type VoterEventType = VoterEvent['type'];

/**
 * For a reader of voter events that never looks at a vote's screening record
 * (Projection.omitData): only fraud's projections read it, and it is most of what printing a
 * VoteCast costs PostgreSQL (about three quarters), so every other reader leaves it out of its
 * reads (issue 13, bench/README.md).
 */
export const WITHOUT_SCREENING: readonly string[] = ['screening'] satisfies (keyof VoteCast['data'])[];

export const VOTER_EVENT_TYPES: readonly VoterEventType[] = [
  'CreditsGranted',
  'CreditsRevoked',
  'VoteCast',
  'VoteRefunded',
  'VoteVoided',
  'HeldVoteReleased',
  'HeldVoteRejected',
  'VoteHeldForReview',
];

export const VOTER_CATEGORY = 'voter';
