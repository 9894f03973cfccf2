import { Migration } from '@mikro-orm/migrations';

export class Migration20261125190000_voting_init extends Migration {
  override up(): void {
    this.addSql(`create table events (
      event_id uuid primary key, tenant_id text not null, name text not null, status text not null,
      start_date timestamptz not null, end_date timestamptz not null, vote_cap integer not null,
      currency text not null, settings jsonb not null, created_at timestamptz not null, updated_at timestamptz not null)`);
    this.addSql(`create index events_tenant_id_status_index on events (tenant_id, status)`);
    this.addSql(`create table categories (
      category_id uuid primary key, tenant_id text not null, event_id uuid not null, name text not null,
      weight double precision not null, rules jsonb not null, created_at timestamptz not null)`);
    this.addSql(`create index categories_event_id_index on categories (event_id)`);
    this.addSql(`create table contestants (
      contestant_id uuid primary key, tenant_id text not null, event_id uuid not null, name text not null,
      slug text not null, category_id uuid null, votes_received bigint not null default 0, created_at timestamptz not null,
      constraint contestants_event_id_slug_unique unique (event_id, slug))`);
    this.addSql(`create index contestants_tenant_id_contestant_id_index on contestants (tenant_id, contestant_id)`);
    this.addSql(`create table votes (
      vote_id uuid primary key, tenant_id text not null, user_id text not null, event_id uuid not null,
      contestant_id uuid not null, category_id uuid null, amount integer not null, vote_type text not null,
      free_amount integer not null, paid_amount integer not null, status text not null, content_hash text not null,
      stream_id text not null, stream_revision bigint not null, created_at timestamptz not null, refunded_at timestamptz null)`);
    this.addSql(`create index votes_tenant_id_user_id_vote_id_index on votes (tenant_id, user_id, vote_id)`);
    this.addSql(`create index votes_event_id_index on votes (event_id)`);
    this.addSql(`create table vote_ledger (
      transaction_id uuid primary key, tenant_id text not null, user_id text not null, timestamp timestamptz not null,
      kind text not null, event_id uuid null, vote_id uuid null, vote_count integer not null,
      credits_delta integer not null, remaining_votes integer not null)`);
    this.addSql(`create index vote_ledger_tenant_id_user_id_timestamp_index on vote_ledger (tenant_id, user_id, timestamp)`);
    this.addSql(`create table leaderboard_cache (
      rank_id uuid primary key, tenant_id text not null, event_id uuid not null, contestant_id uuid not null,
      current_rank integer not null, vote_count bigint not null, updated_at timestamptz not null)`);
    this.addSql(`create index leaderboard_cache_event_id_vote_count_index on leaderboard_cache (event_id, vote_count)`);
    this.addSql(`create table rank_snapshots (
      snapshot_id uuid primary key, tenant_id text not null, event_id uuid not null, timestamp timestamptz not null,
      reason text not null, leaderboard_json jsonb not null)`);
    this.addSql(`create index rank_snapshots_event_id_index on rank_snapshots (event_id)`);
    this.addSql(`create table rank_baselines (
      event_id uuid not null, contestant_id uuid not null, tenant_id text not null, rank integer not null,
      recalculated_at timestamptz not null, primary key (event_id, contestant_id))`);
  }

  override down(): void {
    for (const table of ['rank_baselines', 'rank_snapshots', 'leaderboard_cache', 'vote_ledger', 'votes', 'contestants', 'categories', 'events']) {
      this.addSql(`drop table if exists ${table}`);
    }
  }
}
