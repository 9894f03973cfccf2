import { DomainEvent } from '@tally/eventstore';
import type { NameModeration } from './name-moderation';

export type ContestStatus = 'draft' | 'scheduled' | 'open' | 'closed' | 'finalized' | 'cancelled';
export const CONTEST_STATUSES: readonly ContestStatus[] = ['draft', 'scheduled', 'open', 'closed', 'finalized', 'cancelled'];

/** `close` (default): refundable while the event is open; `never`; or an ISO-8601 instant. */
export type RefundableUntil = string;

/** What a vote is paid with: the event's free daily votes, the voter's subscription quota, paid credits. */
export type SpendingSource = 'free' | 'subscription' | 'credits';
export const SPENDING_SOURCES: readonly SpendingSource[] = ['free', 'subscription', 'credits'];
export const DEFAULT_SPENDING_ORDER: readonly SpendingSource[] = SPENDING_SOURCES;

export interface ContestSettings {
  freeVotesPerDay: number;
  maxVotesPerRequest: number;
  requireVerifiedPhone: boolean;
  refundableUntil: RefundableUntil;
  /**
   * The order a vote spends its sources in, each of the three once (docs/voting.md "Order of
   * spending"); events stored before it existed read as the default, free → subscription → credits.
   */
  spendingOrder?: readonly SpendingSource[];
}

/** Optional per-category limits on top of the event's own. */
export interface CategoryRules {
  maxVotesPerRequest?: number;
  /** Most votes one voter may give in this category (the event's voteCap still applies). */
  maxVotesPerVoter?: number;
}

export type ContestCreated = DomainEvent<
  'ContestCreated',
  {
    contestId: string;
    name: string;
    startDate: string;
    endDate: string;
    voteCap: number;
    currency: string;
    settings: ContestSettings;
    createdAt: string;
  }
>;

export type ContestEdited = DomainEvent<
  'ContestEdited',
  {
    contestId: string;
    name?: string;
    startDate?: string;
    endDate?: string;
    voteCap?: number;
    settings?: Partial<ContestSettings>;
    at: string;
  }
>;

export type CategoryAdded = DomainEvent<
  'CategoryAdded',
  { contestId: string; categoryId: string; name: string; weight: number; rules: CategoryRules; at: string }
>;

export type ContestantAdded = DomainEvent<
  'ContestantAdded',
  {
    contestId: string;
    contestantId: string;
    /** The name as the organizer gave it. */
    name: string;
    slug: string;
    categoryId: string | null;
    at: string;
    /**
     * Set when `name` waits for a moderator: what the public sees meanwhile ("Contestant 3"). Absent
     * when the name was public at once (post-moderated, added by a moderator or platform admin, or
     * before names were moderated).
     */
    publicName?: string;
    /**
     * How the tenant moderated `name` at the add (name-moderation.ts): `pre` (with `publicName`) or
     * `post` (public at once, reviewed after). Absent when nothing is reviewed (a moderator's or
     * platform admin's addition) and on events stored before the setting existed, where a
     * `publicName` means pre-moderation.
     */
    nameModeration?: NameModeration;
  }
>;

export type ContestStatusChanged = DomainEvent<
  'ContestStatusChanged',
  { contestId: string; from: ContestStatus; to: ContestStatus; by: 'organizer' | 'schedule'; at: string }
>;

export type ContestEvent = ContestCreated | ContestEdited | CategoryAdded | ContestantAdded | ContestStatusChanged;
export type ContestEventType = ContestEvent['type'];
export const CONTEST_EVENT_TYPES: readonly ContestEventType[] = ['ContestCreated', 'ContestEdited', 'CategoryAdded', 'ContestantAdded', 'ContestStatusChanged'];

export const CONTEST_CATEGORY = 'contest';
