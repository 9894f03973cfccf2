import { Migration } from '@mikro-orm/migrations';

/**
 * Rank-change notices: each voter's favourite in an event (the contestant of their latest vote,
 * kept by the audience projection) and what the rank-watch job last saw and told them
 * (`notification_rank_watch`, the job's own table: the rank announced last and when, for the
 * per-voter rate limit).
 */
export class Migration20261204183000_notifications_rank_watch extends Migration {
  override up(): void {
    this.addSql(`alter table notification_participants add column favourite_contestant_id uuid null`);
    this.addSql(`create table notification_rank_watch (
      tenant_id text not null, user_id text not null, contest_id uuid not null, contestant_id uuid not null, last_rank integer not null,
      last_notified_at timestamptz null, primary key (tenant_id, user_id, contest_id))`);
  }

  override down(): void {
    this.addSql(`drop table if exists notification_rank_watch`);
    this.addSql(`alter table notification_participants drop column if exists favourite_contestant_id`);
  }
}
