import { Migration } from '@mikro-orm/migrations';

export class Migration20261204150000_audit_init extends Migration {
  override up(): void {
    // One row per stored event (projection audit.trail); log_id is the event id, position its place in the log (the cursor).
    this.addSql(`create table audit_logs (
      log_id uuid primary key, position text not null, tenant_id text not null, user_id text null, action text not null,
      resource text not null, timestamp timestamptz not null, changes jsonb null, ip_network text null)`);
    this.addSql(`create index audit_logs_tenant_id_position_index on audit_logs (tenant_id, position)`);
    this.addSql(`create index audit_logs_position_index on audit_logs (position)`);
    this.addSql(`create index audit_logs_timestamp_index on audit_logs (timestamp)`);
    this.addSql(`create table admin_actions (
      action_id uuid primary key, position text not null, tenant_id text not null, admin_id text not null, action text not null,
      target text not null, at timestamptz not null)`);
    this.addSql(`create index admin_actions_tenant_id_position_index on admin_actions (tenant_id, position)`);
    // The last snapshot of each configurable thing, so the next change knows its "before".
    this.addSql(`create table audit_snapshots (resource text not null, key text not null, value jsonb not null, primary key (resource, key))`);
    // Written in batches by each API process off the request path (access-log/access-log.recorder.ts), not by a projection.
    this.addSql(`create table access_logs (
      log_id uuid primary key, tenant_id text null, user_id text null, endpoint text not null, method text not null,
      status integer not null, ip_network text null, timestamp timestamptz not null)`);
    this.addSql(`create index access_logs_tenant_id_log_id_index on access_logs (tenant_id, log_id)`);
    this.addSql(`create index access_logs_timestamp_index on access_logs (timestamp)`);
  }

  override down(): void {
    for (const table of ['access_logs', 'audit_snapshots', 'admin_actions', 'audit_logs']) this.addSql(`drop table if exists ${table}`);
  }
}
