import type { StreamCondition } from '@tally/eventstore';

/** A subscription's daily quota as the vote decision sees it (the subscriptions context provides it). */
export interface SubscriptionQuota {
  subscriptionId: string;
  planId: string;
  /** Votes a local day; 0 while the subscription gives no quota (unpaid, past its grace, suspended, cancelled). */
  dailyQuota: number;
  /** The subscriber's local date now (YYYY-MM-DD): today's usage is counted under it, so the quota is back at local midnight. */
  day: string;
  /** Past the quota: `allow` pays with credits, `deny` refuses. */
  overage: 'allow' | 'deny';
}

/** A vote's draw on a subscription quota, recorded on its VoteCast (absent when it drew none). */
export interface VoteQuotaUse {
  subscriptionId: string;
  planId: string;
  day: string;
  /** Votes of this vote counted from the quota. */
  used: number;
  /** The day's quota when the vote was cast. */
  dailyQuota: number;
}

export interface GuardedSubscriptionQuota {
  /** Null: the voter has no subscription (the usual case). */
  quota: SubscriptionQuota | null;
  /** The subscription stream at the revision the quota was read from: the vote's append condition when it draws on the quota. */
  condition: StreamCondition | null;
  /** Read from this process's cache: a refusal decided on it is confirmed with a fresh read. */
  fromCache: boolean;
}

export const NO_SUBSCRIPTION_QUOTA: GuardedSubscriptionQuota = Object.freeze({ quota: null, condition: null, fromCache: false });

/**
 * The voter's subscription quota, for the vote decision. Synchronous when it answers from
 * memory (a voter with no subscription costs one map lookup); `fresh` reads the store.
 */
export interface SubscriptionQuotas {
  lookup(tenantId: string, userId: string, now: Date, options?: { fresh?: boolean }): GuardedSubscriptionQuota | Promise<GuardedSubscriptionQuota>;
}

export const SUBSCRIPTION_QUOTAS = Symbol('SubscriptionQuotas');

/** Without a subscriptions context (tests of voting alone): nobody has a quota. */
export class NoSubscriptionQuotas implements SubscriptionQuotas {
  lookup(): GuardedSubscriptionQuota {
    return NO_SUBSCRIPTION_QUOTA;
  }
}
