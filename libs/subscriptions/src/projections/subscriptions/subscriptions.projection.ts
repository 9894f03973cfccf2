import { EntityManager } from '@mikro-orm/postgresql';
import { Projection, ProjectionContext, RecordedEvent, RegisteredProjection } from '@tally/eventstore';
import { PLAN_EVENT_TYPES, PlanEvent } from '../../domain/plan.events';
import { SUBSCRIPTION_EVENT_TYPES, SubscriptionEvent } from '../../domain/subscription.events';

export const SUBSCRIPTIONS_PROJECTION = 'subscriptions';

/**
 * `pricing_plans` and `subscriptions` from the plan and subscription streams. Every write is an
 * upsert or an update to a value carried by the event, so a replay gives the same rows.
 */
@RegisteredProjection()
export class SubscriptionsProjection implements Projection {
  readonly name = SUBSCRIPTIONS_PROJECTION;
  readonly version = 1;
  readonly filter = { streamPrefixes: ['plan-', 'subscription-'], eventTypes: [...PLAN_EVENT_TYPES, ...SUBSCRIPTION_EVENT_TYPES] };
  readonly tables = ['pricing_plans', 'subscriptions'] as const;

  async apply(events: readonly RecordedEvent[], { em }: ProjectionContext): Promise<void> {
    for (const recorded of events) {
      const event = { type: recorded.type, data: recorded.data } as PlanEvent | SubscriptionEvent;
      await applyEvent(em, recorded.metadata.tenantId, event);
    }
  }
}

async function applyEvent(em: EntityManager, tenantId: string, event: PlanEvent | SubscriptionEvent): Promise<void> {
  switch (event.type) {
    case 'PlanCreated':
    case 'PlanUpdated': {
      const d = event.data;
      const version = event.type === 'PlanUpdated' ? event.data.version : 1;
      await em.execute(
        `insert into pricing_plans (plan_id, tenant_id, name, daily_quota, monthly_cost, currency, overage, features, version, retired, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, false, ?, ?)
         on conflict (plan_id) do update set name = excluded.name, daily_quota = excluded.daily_quota, monthly_cost = excluded.monthly_cost,
           currency = excluded.currency, overage = excluded.overage, features = excluded.features, version = excluded.version, updated_at = excluded.updated_at`,
        [d.planId, tenantId, d.name, d.dailyQuota, d.monthlyCost.amount, d.monthlyCost.currency, d.overage, JSON.stringify(d.features), version, d.at, d.at],
      );
      return;
    }
    case 'PlanRetired':
      await em.execute(`update pricing_plans set retired = true, updated_at = ? where plan_id = ?`, [event.data.at, event.data.planId]);
      return;
    case 'SubscriptionStarted': {
      const d = event.data;
      await em.execute(
        `insert into subscriptions (subscription_id, tenant_id, user_id, plan_id, plan_type, start_date, end_date, daily_quota, overage, time_zone, status, provider, provider_subscription_id, paid_through, grace_until, updated_at)
         values (?, ?, ?, ?, ?, ?, null, ?, ?, ?, 'incomplete', ?, ?, null, null, ?) on conflict (subscription_id) do nothing`,
        [d.subscriptionId, tenantId, d.userId, d.plan.planId, d.plan.name, d.at, d.plan.dailyQuota, d.plan.overage, d.timeZone, d.provider, d.providerSubscriptionId, d.at],
      );
      return;
    }
    case 'SubscriptionInvoicePaid':
      await em.execute(
        `update subscriptions set status = case when status = 'ended' then status else 'active' end, grace_until = null,
           paid_through = greatest(coalesce(paid_through, ?), ?), updated_at = ? where subscription_id = ?`,
        [event.data.periodEnd, event.data.periodEnd, event.data.at, event.data.subscriptionId],
      );
      return;
    case 'SubscriptionPaymentFailed':
      await em.execute(`update subscriptions set status = 'past_due', grace_until = ?, updated_at = ? where subscription_id = ?`, [event.data.graceUntil, event.data.at, event.data.subscriptionId]);
      return;
    case 'SubscriptionSuspended':
      await em.execute(`update subscriptions set status = 'suspended', updated_at = ? where subscription_id = ?`, [event.data.at, event.data.subscriptionId]);
      return;
    case 'SubscriptionPlanChanged': {
      const to = event.data.to;
      await em.execute(`update subscriptions set plan_id = ?, plan_type = ?, daily_quota = ?, overage = ?, updated_at = ? where subscription_id = ?`, [to.planId, to.name, to.dailyQuota, to.overage, event.data.at, event.data.subscriptionId]);
      return;
    }
    case 'SubscriptionCancelScheduled':
      await em.execute(`update subscriptions set end_date = ?, updated_at = ? where subscription_id = ?`, [event.data.endsAt, event.data.at, event.data.subscriptionId]);
      return;
    case 'SubscriptionEnded':
      await em.execute(`update subscriptions set status = 'ended', end_date = coalesce(end_date, ?), updated_at = ? where subscription_id = ?`, [event.data.at, event.data.at, event.data.subscriptionId]);
      return;
    case 'SubscriptionTimeZoneChanged':
      await em.execute(`update subscriptions set time_zone = ?, updated_at = ? where subscription_id = ?`, [event.data.to, event.data.at, event.data.subscriptionId]);
      return;
    default: {
      const unknown: never = event;
      throw new Error(`Unknown event ${(unknown as { type: string }).type}`);
    }
  }
}
