import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { MikroORM } from '@mikro-orm/postgresql';
import { CommandRunner } from '@tally/eventstore';
import { Actor, Clock, CLOCK } from '@tally/platform';
import { quotaDate, quotaDayEnd, quotaUsable, subscriptionDecider } from '../../domain/subscription.state';
import { subscriptionStream } from '../../domain/subscriptions.streams';
import { assertSubscriptionAccess } from '../../http/subscription-access';
import { SUBSCRIPTIONS_CONFIG, SubscriptionsConfig } from '../../subscriptions.config';

export interface UsageDay {
  date: string;
  votesUsed: number;
  dailyQuota: number;
}

export interface UsageView {
  subscriptionId: string;
  timeZone: string;
  today: { date: string; dailyQuota: number; used: number; left: number; resetsAt: string };
  /** The last `days` local days with votes, newest first. */
  days: UsageDay[];
}

export class GetUsageQuery extends Query<UsageView> {
  constructor(
    readonly tenantId: string,
    readonly subscriptionId: string,
    readonly actor: Actor,
    readonly days: number,
  ) {
    super();
  }
}

/**
 * Today's quota from the subscription's stream (plan, status, zone) and the votes drawn from it
 * from `subscription_usage` (a read model: send the vote's Tally-Position to see that vote).
 */
@QueryHandler(GetUsageQuery)
export class GetUsageHandler implements IQueryHandler<GetUsageQuery, UsageView> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly orm: MikroORM,
    @Inject(SUBSCRIPTIONS_CONFIG) private readonly config: SubscriptionsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ tenantId, subscriptionId, actor, days }: GetUsageQuery): Promise<UsageView> {
    const { state } = await this.runner.load(subscriptionDecider, subscriptionStream(tenantId, subscriptionId));
    assertSubscriptionAccess(state, actor, 'read');
    const now = this.clock.now().getTime();
    const today = quotaDate(state, now);
    const rows = await this.orm.em.getConnection('read').execute<{ date: string; votes_used: number; daily_quota: number }[]>(
      `select to_char(date, 'YYYY-MM-DD') as date, votes_used, daily_quota from subscription_usage where tenant_id = ? and subscription_id = ? order by date desc limit ?`,
      [tenantId, subscriptionId, days],
    );
    const used = rows.find((row) => row.date === today)?.votes_used ?? 0;
    const dailyQuota = quotaUsable(state, now, this.config.graceMs) ? state.plan.dailyQuota : 0;
    return {
      subscriptionId,
      timeZone: state.timeZone,
      today: { date: today, dailyQuota, used, left: Math.max(dailyQuota - used, 0), resetsAt: new Date(quotaDayEnd(state, now)).toISOString() },
      days: rows.map((row) => ({ date: row.date, votesUsed: row.votes_used, dailyQuota: row.daily_quota })),
    };
  }
}
