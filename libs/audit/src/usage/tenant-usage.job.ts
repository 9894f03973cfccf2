import { Inject, Injectable } from '@nestjs/common';
import { RegisteredJob, ScheduledJob } from '@tally/jobs';
import { Clock, CLOCK, PG_POOL } from '@tally/platform';
import { Pool } from 'pg';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Daily metering (`tenant_usage`, one row per tenant and UTC day): vote events, voters, payments,
 * refunds and contests from the audit trail, API requests from the access log, and what billing
 * needs (votes cast by amount, paid/free/quota, refunded, voided, rejected; payment and refund
 * volume per currency in minor units) from the usage facts. Each run
 * recomputes yesterday and today so far (absolute values, upserted: a rerun or a late event
 * gives the same row), so yesterday is final after the 00:15 run.
 */
@RegisteredJob()
@Injectable()
export class TenantUsageJob implements ScheduledJob {
  readonly name = 'audit.tenant-usage';
  readonly schedule = { cron: '15 0 * * *' };

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** `rows`: the rows written (a day whose figures did not change writes none). */
  async run(): Promise<{ days: string[]; rows: number }> {
    const today = Date.UTC(this.clock.now().getUTCFullYear(), this.clock.now().getUTCMonth(), this.clock.now().getUTCDate());
    const days = [new Date(today - DAY_MS), new Date(today)];
    let rows = 0;
    for (const day of days) rows += await this.aggregate(day);
    return { days: days.map((day) => day.toISOString().slice(0, 10)), rows };
  }

  /**
   * One statement per day: the day's audit rows (events), access rows (requests) and usage facts
   * (votes and money, projected by audit.usage-facts) grouped by tenant. A row whose figures did
   * not change is left as it was (computed_at included), so a rerun gives the same row.
   */
  async aggregate(day: Date): Promise<number> {
    const from = day.toISOString();
    const to = new Date(day.getTime() + DAY_MS).toISOString();
    const result = await this.pool.query(
      `with trail as (
         select tenant_id, count(*) filter (where action = 'VoteCast') as votes,
                count(distinct user_id) filter (where action = 'VoteCast') as voters,
                count(*) filter (where action = 'PaymentCompleted') as payments,
                count(*) filter (where action = 'PaymentRefunded') as refunds,
                count(*) filter (where action = 'ContestCreated') as contests
           from audit_logs where timestamp >= $2 and timestamp < $3 and tenant_id <> 'platform' group by tenant_id),
       access as (
         select tenant_id, count(*) as requests from access_logs where timestamp >= $2 and timestamp < $3 and tenant_id is not null group by tenant_id),
       facts as (select * from usage_facts where date = $1::date and tenant_id <> 'platform'),
       billed as (
         select tenant_id, sum(votes) filter (where kind = 'vote-cast') as cast_votes, sum(paid_votes) as paid, sum(free_votes) as free,
                sum(quota_votes) as quota, sum(votes) filter (where kind = 'vote-refunded') as refunded,
                sum(votes) filter (where kind = 'vote-voided') as voided, sum(votes) filter (where kind = 'vote-rejected') as rejected
           from facts group by tenant_id),
       money as (
         select tenant_id, jsonb_object_agg(currency, minor) filter (where kind = 'payment-completed') as paid_in,
                jsonb_object_agg(currency, minor) filter (where kind = 'payment-refunded') as paid_back
           from (select tenant_id, kind, currency, sum(amount_minor) as minor from facts where currency <> '' group by tenant_id, kind, currency) m
          group by tenant_id),
       tenants as (select tenant_id from trail union select tenant_id from access union select tenant_id from billed)
       insert into tenant_usage (tenant_id, date, vote_count, voter_count, payment_count, refund_count, contests_created, api_requests,
                                 votes_cast, votes_paid, votes_free, votes_quota, votes_refunded, votes_voided, votes_rejected,
                                 payment_volume, refunded_volume, computed_at)
       select t.tenant_id, $1::date, coalesce(trail.votes, 0), coalesce(trail.voters, 0), coalesce(trail.payments, 0), coalesce(trail.refunds, 0),
              coalesce(trail.contests, 0), coalesce(access.requests, 0),
              coalesce(billed.cast_votes, 0), coalesce(billed.paid, 0), coalesce(billed.free, 0), coalesce(billed.quota, 0),
              coalesce(billed.refunded, 0), coalesce(billed.voided, 0), coalesce(billed.rejected, 0),
              coalesce(money.paid_in, '{}'), coalesce(money.paid_back, '{}'), now()
         from tenants t left join trail using (tenant_id) left join access using (tenant_id) left join billed using (tenant_id) left join money using (tenant_id)
       on conflict (tenant_id, date) do update set vote_count = excluded.vote_count, voter_count = excluded.voter_count,
         payment_count = excluded.payment_count, refund_count = excluded.refund_count, contests_created = excluded.contests_created,
         api_requests = excluded.api_requests, votes_cast = excluded.votes_cast, votes_paid = excluded.votes_paid, votes_free = excluded.votes_free,
         votes_quota = excluded.votes_quota, votes_refunded = excluded.votes_refunded, votes_voided = excluded.votes_voided,
         votes_rejected = excluded.votes_rejected, payment_volume = excluded.payment_volume, refunded_volume = excluded.refunded_volume,
         computed_at = excluded.computed_at
       where (tenant_usage.vote_count, tenant_usage.voter_count, tenant_usage.payment_count, tenant_usage.refund_count, tenant_usage.contests_created,
              tenant_usage.api_requests, tenant_usage.votes_cast, tenant_usage.votes_paid, tenant_usage.votes_free, tenant_usage.votes_quota,
              tenant_usage.votes_refunded, tenant_usage.votes_voided, tenant_usage.votes_rejected, tenant_usage.payment_volume, tenant_usage.refunded_volume)
         is distinct from (excluded.vote_count, excluded.voter_count, excluded.payment_count, excluded.refund_count, excluded.contests_created,
              excluded.api_requests, excluded.votes_cast, excluded.votes_paid, excluded.votes_free, excluded.votes_quota,
              excluded.votes_refunded, excluded.votes_voided, excluded.votes_rejected, excluded.payment_volume, excluded.refunded_volume)`,
      [from.slice(0, 10), from, to],
    );
    return result.rowCount ?? 0;
  }
}
