import { Migration } from '@mikro-orm/migrations';

/** The case queue and the pattern findings (libs/fraud/README.md "Cases", "Patterns"). */
export class Migration20261204110000_fraud_cases extends Migration {
  override up(): void {
    // One case per held vote: its id is the vote's id.
    this.addSql(`create table fraud_flags (
      flag_id uuid primary key, tenant_id text not null, vote_id uuid not null, user_id text not null,
      event_id uuid not null, contestant_id uuid not null, amount integer not null,
      reason text not null, severity text not null, status text not null, source text not null,
      score integer null, signals text[] not null, factors jsonb not null, finding_id uuid null,
      held_at timestamptz not null, decided_at timestamptz null, decided_by text null, decision_reason text null)`);
    this.addSql(`create index fraud_flags_queue_index on fraud_flags (tenant_id, status, held_at desc, flag_id desc)`);
    this.addSql(`create index fraud_flags_event_index on fraud_flags (tenant_id, event_id, held_at)`);
    // Every vote, with the client address it came from: what pattern detection and the analytics read.
    this.addSql(`create table fraud_vote_trail (
      vote_id uuid primary key, tenant_id text not null, user_id text not null, event_id uuid not null,
      contestant_id uuid not null, client_ip text null, amount integer not null, status text not null,
      held_at_cast boolean not null, cast_at timestamptz not null)`);
    this.addSql(`create index fraud_vote_trail_cluster_index on fraud_vote_trail (tenant_id, cast_at, event_id, contestant_id)`);
    // One row per account in a finding; the finding's evidence is repeated on each.
    this.addSql(`create table suspicious_patterns (
      pattern_id uuid primary key, finding_id uuid not null, tenant_id text not null, user_id text not null,
      event_id uuid not null, contestant_id uuid not null, pattern_type text not null, action text not null,
      vote_ids uuid[] not null, evidence jsonb not null, detection_time timestamptz not null)`);
    this.addSql(`create index suspicious_patterns_event_index on suspicious_patterns (tenant_id, event_id, detection_time)`);
    this.addSql(`create table abuse_flags (
      flag_id uuid primary key, tenant_id text not null, user_id text not null, flag_type text not null,
      status text not null, source_id uuid not null, created_at timestamptz not null, reviewed_at timestamptz null)`);
    this.addSql(`create index abuse_flags_user_index on abuse_flags (tenant_id, user_id)`);
  }

  override down(): void {
    this.addSql('drop table if exists abuse_flags');
    this.addSql('drop table if exists suspicious_patterns');
    this.addSql('drop table if exists fraud_vote_trail');
    this.addSql('drop table if exists fraud_flags');
  }
}
