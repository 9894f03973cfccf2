import { Projection, ProjectionContext, RecordedEvent, RegisteredProjection } from '@tally/eventstore';
import { deterministicUuid } from '@tally/platform';
import { VoteQuotaUse, WITHOUT_SCREENING } from '@tally/voting';

export const SUBSCRIPTION_USAGE_PROJECTION = 'subscriptions-usage';

/** Events that give a vote's quota back (the voter ledger returns it the same way). */
const RETURNS_QUOTA = ['VoteRefunded', 'HeldVoteRejected'];

/**
 * `subscription_usage` (votes drawn from each subscription's quota per local day, with the plan
 * and quota of that day: the utilisation read model) from the voter streams: a VoteCast that
 * drew on a quota adds its `quota.used`; a refund or a rejected held vote takes it back.
 * `subscription_vote_usage` remembers what each vote drew, so the take-back needs no other read.
 */
@RegisteredProjection()
export class SubscriptionUsageProjection implements Projection {
  readonly name = SUBSCRIPTION_USAGE_PROJECTION;
  readonly version = 1;
  readonly filter = { streamPrefixes: ['voter-'], eventTypes: ['VoteCast', ...RETURNS_QUOTA] };
  readonly tables = ['subscription_usage', 'subscription_vote_usage'] as const;
  readonly omitData = WITHOUT_SCREENING;

  async apply(events: readonly RecordedEvent[], { em }: ProjectionContext): Promise<void> {
    for (const recorded of events) {
      const data = recorded.data as { voteId: string; quota?: VoteQuotaUse };
      const tenantId = recorded.metadata.tenantId;
      if (recorded.type === 'VoteCast') {
        const quota = data.quota;
        if (!quota || quota.used <= 0) continue;
        const inserted = await em.execute<{ vote_id: string }[]>(
          `insert into subscription_vote_usage (vote_id, tenant_id, subscription_id, date, votes) values (?, ?, ?, ?, ?) on conflict (vote_id) do nothing returning vote_id`,
          [data.voteId, tenantId, quota.subscriptionId, quota.day, quota.used],
        );
        if (inserted.length === 0) continue;
        await em.execute(
          `insert into subscription_usage (usage_id, tenant_id, subscription_id, date, plan_id, daily_quota, votes_used) values (?, ?, ?, ?, ?, ?, ?)
           on conflict (subscription_id, date) do update set votes_used = subscription_usage.votes_used + excluded.votes_used, plan_id = excluded.plan_id, daily_quota = excluded.daily_quota`,
          [deterministicUuid('subscription-usage', quota.subscriptionId, quota.day), tenantId, quota.subscriptionId, quota.day, quota.planId, quota.dailyQuota, quota.used],
        );
      } else {
        const returned = await em.execute<{ subscription_id: string; date: string; votes: number }[]>(
          `delete from subscription_vote_usage where vote_id = ? returning subscription_id, to_char(date, 'YYYY-MM-DD') as date, votes`,
          [data.voteId],
        );
        for (const row of returned) {
          await em.execute(`update subscription_usage set votes_used = votes_used - ? where subscription_id = ? and date = ?`, [row.votes, row.subscription_id, row.date]);
        }
      }
    }
  }
}
