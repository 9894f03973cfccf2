import { Migration } from '@mikro-orm/migrations';

/**
 * The notifications read models (projection `notifications-audience`: who has which devices and
 * preferences, who voted in which event, each event's name, end date and status) and the
 * delivery ledger the push reactor writes (`push_deliveries`, never rebuilt: it is what makes a
 * replay or a restart send nothing twice).
 */
export class Migration20261204180000_notifications_init extends Migration {
  override up(): void {
    this.addSql(`create table push_devices (
      device_id uuid primary key, tenant_id text not null, user_id text not null, transport text not null, endpoint text null,
      p256dh text null, auth text null, fcm_token text null, label text null, subscribed_at timestamptz not null)`);
    this.addSql(`create index push_devices_tenant_id_user_id_index on push_devices (tenant_id, user_id)`);
    this.addSql(`create table notification_preferences (
      tenant_id text not null, user_id text not null, muted text[] not null, follows uuid[] not null, updated_at timestamptz not null,
      primary key (tenant_id, user_id))`);
    this.addSql(`create index notification_preferences_follows_index on notification_preferences using gin (follows)`);
    this.addSql(`create table notification_participants (contest_id uuid not null, user_id text not null, tenant_id text not null, primary key (contest_id, user_id))`);
    this.addSql(`create table notification_contests (
      contest_id uuid primary key, tenant_id text not null, name text not null, end_date timestamptz not null, status text not null)`);
    this.addSql(`create index notification_contests_status_end_date_index on notification_contests (status, end_date)`);
    this.addSql(`create table push_deliveries (
      notification_id uuid not null, device_id uuid not null, tenant_id text not null, user_id text not null, kind text not null,
      outcome text not null, delivered_at timestamptz not null, primary key (notification_id, device_id))`);
  }

  override down(): void {
    for (const table of ['push_deliveries', 'notification_contests', 'notification_participants', 'notification_preferences', 'push_devices']) this.addSql(`drop table if exists ${table}`);
  }
}
