import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK, deterministicUuid, uuidv7 } from '@tally/platform';
import { localDay, nextLocalMidnight } from '../domain/local-day';
import { quotaDayEnd, subscriptionDecider } from '../domain/subscription.state';
import { subscriptionStream } from '../domain/subscriptions.streams';

/** Subscriptions handled per run, and missed local days recorded per subscription (a job down for longer records the newest). */
const BATCH = 500;
const MAX_MISSED_DAYS = 31;

export interface QuotaResetRun {
  scheduled: number;
  /** Jobs moved to a subscriber's new time zone. */
  moved: number;
  reset: number;
  stopped: number;
}

/**
 * Records each subscriber's daily quota reset at 00:00 in their time zone (`quota_reset_jobs`
 * holds the next one per subscription, `quota_resets` one row per subscription and local day).
 * The vote decision never depends on it: usage is keyed by the subscriber's local date, so the
 * quota is back at midnight whether this ran or not; this is the record (and it catches up on
 * the days it missed while down).
 */
@Injectable()
export class QuotaResets {
  constructor(
    private readonly em: EntityManager,
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(): Promise<QuotaResetRun> {
    const now = this.clock.now().getTime();
    const scheduled = await this.scheduleNew(now);
    const moved = await this.followZoneChanges(now);
    const stopped = await this.sql<{ job_id: string }>(
      `update quota_reset_jobs j set status = 'stopped' from subscriptions s where s.subscription_id = j.subscription_id and s.status = 'ended' and j.status = 'scheduled' returning j.job_id`,
      [],
    );
    const due = await this.sql<{ job_id: string; tenant_id: string; subscription_id: string; time_zone: string; next_reset_date: Date }>(
      `select job_id, tenant_id, subscription_id, time_zone, next_reset_date from quota_reset_jobs where status = 'scheduled' and next_reset_date <= ? order by next_reset_date limit ?`,
      [new Date(now), BATCH],
    );
    let reset = 0;
    for (const job of due) reset += await this.resetDue(job, now);
    return { scheduled, moved, reset, stopped: stopped.length };
  }

  /**
   * A subscriber who changed zone: the next reset is when the carried-over day ends (from the
   * stream; it may already be past if the job was down, and is then recorded as missed), in the new zone.
   */
  private async followZoneChanges(now: number): Promise<number> {
    const changed = await this.sql<{ job_id: string; tenant_id: string; subscription_id: string; time_zone: string }>(
      `select j.job_id, j.tenant_id, j.subscription_id, s.time_zone from quota_reset_jobs j join subscriptions s on s.subscription_id = j.subscription_id
        where j.status = 'scheduled' and j.time_zone <> s.time_zone limit ?`,
      [BATCH],
    );
    for (const job of changed) {
      const { state } = await this.runner.load(subscriptionDecider, subscriptionStream(job.tenant_id, job.subscription_id));
      const next = state.carriedDay ? state.carriedDay.untilMs : quotaDayEnd(state, now);
      await this.sql(`update quota_reset_jobs set time_zone = ?, next_reset_date = ? where job_id = ?`, [state.timeZone, new Date(next), job.job_id]);
    }
    return changed.length;
  }

  /** One job row per subscription, its first reset at the local midnight after now. */
  private async scheduleNew(now: number): Promise<number> {
    const fresh = await this.sql<{ tenant_id: string; subscription_id: string; time_zone: string }>(
      `select s.tenant_id, s.subscription_id, s.time_zone from subscriptions s
        where s.status <> 'ended' and not exists (select 1 from quota_reset_jobs j where j.subscription_id = s.subscription_id) limit ?`,
      [BATCH],
    );
    for (const s of fresh) {
      await this.sql(
        `insert into quota_reset_jobs (job_id, tenant_id, subscription_id, time_zone, next_reset_date, last_reset_date, status) values (?, ?, ?, ?, ?, null, 'scheduled') on conflict (subscription_id) do nothing`,
        [uuidv7(), s.tenant_id, s.subscription_id, s.time_zone, new Date(nextLocalMidnight(now, s.time_zone))],
      );
    }
    return fresh.length;
  }

  private async resetDue(job: { job_id: string; tenant_id: string; subscription_id: string; time_zone: string; next_reset_date: Date }, now: number): Promise<number> {
    let at = new Date(job.next_reset_date).getTime();
    // After a long outage, only the newest days are recorded; the quota never needed the job anyway.
    while (nextLocalMidnight(at, job.time_zone) <= now - MAX_MISSED_DAYS * 86_400_000) at = nextLocalMidnight(at, job.time_zone);
    let recorded = 0;
    let last = '';
    while (at <= now) {
      last = localDay(at, job.time_zone);
      const inserted = await this.sql<{ reset_id: string }>(
        `insert into quota_resets (reset_id, tenant_id, subscription_id, local_date, reset_at) values (?, ?, ?, ?, ?) on conflict (subscription_id, local_date) do nothing returning reset_id`,
        [deterministicUuid('quota-reset', job.subscription_id, last), job.tenant_id, job.subscription_id, last, new Date(at)],
      );
      recorded += inserted.length;
      at = nextLocalMidnight(at, job.time_zone);
    }
    await this.sql(`update quota_reset_jobs set next_reset_date = ?, last_reset_date = ? where job_id = ?`, [new Date(at), last, job.job_id]);
    return recorded;
  }

  private sql<T>(query: string, params: unknown[]): Promise<T[]> {
    return this.em.fork().getConnection().execute<T[]>(query, params);
  }
}
