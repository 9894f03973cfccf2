import { Inject, Injectable } from '@nestjs/common';
import { CommandRunner, GuardedState } from '@tally/eventstore';
import { GuardedSubscriptionQuota, NO_SUBSCRIPTION_QUOTA, SubscriptionQuotas } from '@tally/voting';
import { subscriberDecider } from '../domain/subscriber.state';
import { quotaDate, quotaUsable, subscriptionDecider, SubscriptionState } from '../domain/subscription.state';
import { subscriberStream, subscriptionStream } from '../domain/subscriptions.streams';
import { SUBSCRIPTIONS_CONFIG, SubscriptionsConfig } from '../subscriptions.config';

/** Voters remembered per process; past this the map starts afresh (each voter then costs one lookup again). */
const MAX_REMEMBERED = 200_000;

interface Slot {
  subscriptionId: string | null;
  expiresAt: number;
}

/**
 * The subscription quota a vote may draw on, for voting's decision (voting's SUBSCRIPTION_QUOTAS
 * port). Which subscription a voter has (usually none) is remembered per process for
 * SUBSCRIPTIONS_LOOKUP_CACHE_MS, so a voter without a subscription costs the vote path one map
 * lookup. A subscription's state comes from the command runner's cache with the condition that
 * its stream is still at that revision when the vote is appended: a vote decided on a plan,
 * status or quota that changed meanwhile (in any process) is refused by the store and decided
 * again. When the slot expires both are read fresh, so a subscription started or paid in
 * another process is seen within the cache time.
 */
@Injectable()
export class SubscriptionQuotaLookup implements SubscriptionQuotas {
  private readonly slots = new Map<string, Slot>();

  constructor(
    private readonly runner: CommandRunner,
    @Inject(SUBSCRIPTIONS_CONFIG) private readonly config: SubscriptionsConfig,
  ) {}

  lookup(tenantId: string, userId: string, now: Date, options: { fresh?: boolean } = {}): GuardedSubscriptionQuota | Promise<GuardedSubscriptionQuota> {
    const key = `${tenantId}:${userId}`;
    const slot = this.slots.get(key);
    if (slot && !options.fresh && slot.expiresAt > Date.now()) {
      if (slot.subscriptionId === null) return NO_SUBSCRIPTION_QUOTA;
      const guarded = this.runner.readGuarded(subscriptionDecider, subscriptionStream(tenantId, slot.subscriptionId));
      return guarded instanceof Promise ? guarded.then((state) => this.quotaOf(state, now)) : this.quotaOf(guarded, now);
    }
    return this.lookupFresh(key, tenantId, userId, now);
  }

  /** Forgets what this process remembers about a voter (after it subscribes here). */
  forget(tenantId: string, userId: string): void {
    this.slots.delete(`${tenantId}:${userId}`);
  }

  private async lookupFresh(key: string, tenantId: string, userId: string, now: Date): Promise<GuardedSubscriptionQuota> {
    const { state: subscriber } = await this.runner.load(subscriberDecider, subscriberStream(tenantId, userId));
    if (this.slots.size >= MAX_REMEMBERED) this.slots.clear();
    this.slots.set(key, { subscriptionId: subscriber.subscriptionId, expiresAt: Date.now() + this.config.lookupCacheMs });
    if (subscriber.subscriptionId === null) return NO_SUBSCRIPTION_QUOTA;
    return this.quotaOf(await this.runner.readGuarded(subscriptionDecider, subscriptionStream(tenantId, subscriber.subscriptionId), { fresh: true }), now);
  }

  /** An ended (or never started) subscription gives no quota and never will: no condition needed. */
  private quotaOf({ state, condition, fromCache }: GuardedState<SubscriptionState>, now: Date): GuardedSubscriptionQuota {
    if (!state.exists || state.status === 'ended') return NO_SUBSCRIPTION_QUOTA;
    const usable = quotaUsable(state, now.getTime(), this.config.graceMs);
    return {
      quota: {
        subscriptionId: state.subscriptionId,
        planId: state.plan.planId,
        dailyQuota: usable ? state.plan.dailyQuota : 0,
        day: quotaDate(state, now.getTime()),
        overage: state.plan.overage,
      },
      condition,
      fromCache,
    };
  }
}
