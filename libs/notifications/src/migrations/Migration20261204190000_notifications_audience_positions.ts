import { Migration } from '@mikro-orm/migrations';

/**
 * The audience of a notification as of its event: the log position each device was subscribed,
 * each voter first voted in an event and each follow began, so that a notification reacted to
 * again (a reactor re-run from the start, a late replay) goes to the same devices as the first
 * time, and never to a device or a voter that came after the event.
 */
export class Migration20261204190000_notifications_audience_positions extends Migration {
  override up(): void {
    // Log positions are fixed-width text (`<commit>:<sequence>`, zero-padded): compared byte-wise ("C") they sort in log order.
    this.addSql(`alter table push_devices add column subscribed_position text collate "C" not null default ''`);
    this.addSql(`alter table notification_participants add column first_position text collate "C" not null default ''`);
    this.addSql(`create table notification_follows (
      tenant_id text not null, user_id text not null, contest_id uuid not null, since_position text collate "C" not null, primary key (tenant_id, user_id, contest_id))`);
    this.addSql(`create index notification_follows_contest_id_index on notification_follows (contest_id)`);
  }

  override down(): void {
    this.addSql(`drop table if exists notification_follows`);
    this.addSql(`alter table notification_participants drop column if exists first_position`);
    this.addSql(`alter table push_devices drop column if exists subscribed_position`);
  }
}
