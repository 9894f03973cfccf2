import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';

export interface PlanUtilisation {
  tenantId: string;
  planId: string;
  votesUsed: number;
  quota: number;
}

/**
 * Quota utilisation per tenant and plan over the subscribers' current local days (the newest
 * `subscription_usage` date of each subscription no older than yesterday in UTC, so every zone's
 * "today" is in), for the metrics scrape.
 */
@Injectable()
export class QuotaUtilisation {
  constructor(private readonly orm: MikroORM) {}

  async today(now: Date): Promise<PlanUtilisation[]> {
    const since = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
    const rows = await this.orm.em.getConnection('read').execute<{ tenant_id: string; plan_id: string; votes_used: string; quota: string }[]>(
      `select tenant_id, plan_id, sum(votes_used) as votes_used, sum(daily_quota) as quota from (
         select distinct on (subscription_id) tenant_id, plan_id, votes_used, daily_quota from subscription_usage
          where date >= ?::date order by subscription_id, date desc) latest
        group by tenant_id, plan_id`,
      [since],
    );
    return rows.map((row) => ({ tenantId: row.tenant_id, planId: row.plan_id, votesUsed: Number(row.votes_used), quota: Number(row.quota) }));
  }
}
