import { Inject, Injectable } from '@nestjs/common';
import { RegisteredJob, ScheduledJob } from '@tally/jobs';
import { Clock, CLOCK, PG_POOL } from '@tally/platform';
import { Pool } from 'pg';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Daily metering (`tenant_usage`, one row per tenant and UTC day): votes, voters, payments,
 * refunds and contests from the audit trail, API requests from the access log. Each run
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

  async run(): Promise<{ days: string[]; rows: number }> {
    const today = Date.UTC(this.clock.now().getUTCFullYear(), this.clock.now().getUTCMonth(), this.clock.now().getUTCDate());
    const days = [new Date(today - DAY_MS), new Date(today)];
    let rows = 0;
    for (const day of days) rows += await this.aggregate(day);
    return { days: days.map((day) => day.toISOString().slice(0, 10)), rows };
  }

  /** One statement per day: the day's audit and access rows grouped by tenant. */
  async aggregate(day: Date): Promise<number> {
    const from = day.toISOString();
    const to = new Date(day.getTime() + DAY_MS).toISOString();
    const result = await this.pool.query(
      `insert into tenant_usage (tenant_id, date, vote_count, voter_count, payment_count, refund_count, contests_created, api_requests, computed_at)
       select tenant_id, $1::date, sum(votes), sum(voters), sum(payments), sum(refunds), sum(contests), sum(requests), now()
         from (
           select tenant_id, count(*) filter (where action = 'VoteCast') as votes,
                  count(distinct user_id) filter (where action = 'VoteCast') as voters,
                  count(*) filter (where action = 'PaymentCompleted') as payments,
                  count(*) filter (where action = 'PaymentRefunded') as refunds,
                  count(*) filter (where action = 'ContestCreated') as contests, 0 as requests
             from audit_logs where timestamp >= $2 and timestamp < $3 and tenant_id <> 'platform' group by tenant_id
           union all
           select tenant_id, 0, 0, 0, 0, 0, count(*) from access_logs where timestamp >= $2 and timestamp < $3 and tenant_id is not null group by tenant_id
         ) d group by tenant_id
       on conflict (tenant_id, date) do update set vote_count = excluded.vote_count, voter_count = excluded.voter_count,
         payment_count = excluded.payment_count, refund_count = excluded.refund_count, contests_created = excluded.contests_created,
         api_requests = excluded.api_requests, computed_at = excluded.computed_at`,
      [from.slice(0, 10), from, to],
    );
    return result.rowCount ?? 0;
  }
}
