import { Migration } from '@mikro-orm/migrations';

export class Migration20261204110000_ratelimit_init extends Migration {
  override up(): void {
    // tenant_id is null for platform rules; "limit" is the SPEC's column name (quoted: a keyword).
    this.addSql(`create table rate_limit_rules (
      rule_id uuid primary key, tenant_id text null, level text not null, name text not null, scope text not null,
      method text not null, route text not null, endpoint text not null, "limit" integer not null, window_seconds integer not null,
      enabled boolean not null, updated_at timestamptz not null)`);
    this.addSql(`create index rate_limit_rules_tenant_id_index on rate_limit_rules (tenant_id)`);
    this.addSql(`create table rate_limit_blocks (
      block_id uuid primary key, network text not null, reason text not null, source text not null,
      blocked_until timestamptz not null, created_at timestamptz not null, created_by text null)`);
    this.addSql(`create index rate_limit_blocks_blocked_until_index on rate_limit_blocks (blocked_until)`);
    // Written by the API processes in batches (engine/attempt-recorder.ts), not by a projection.
    this.addSql(`create table rate_limit_attempts (
      attempt_id uuid primary key, tenant_id text null, user_id text null, ip_address text null, endpoint text not null,
      rule_id uuid null, rule_name text not null, timestamp timestamptz not null)`);
    this.addSql(`create index rate_limit_attempts_tenant_id_attempt_id_index on rate_limit_attempts (tenant_id, attempt_id)`);
    this.addSql(`create index rate_limit_attempts_timestamp_index on rate_limit_attempts (timestamp)`);
  }

  override down(): void {
    for (const table of ['rate_limit_attempts', 'rate_limit_blocks', 'rate_limit_rules']) this.addSql(`drop table if exists ${table}`);
  }
}
