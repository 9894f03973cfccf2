import { Migration } from '@mikro-orm/migrations';

/** The scoring read models (SPEC "Ranking & Scoring Tables": score_types, raw_scores, normalized_scores) and what phases, judges, commitments, adjustments and blended rankings need. */
export class Migration20261204143000_scoring_init extends Migration {
  override up(): void {
    this.addSql(`create table scoring_contests (
      event_id uuid primary key, tenant_id text not null, jury_weight double precision not null, public_weight double precision not null,
      revealed_at timestamptz null, finalised_at timestamptz null, updated_at timestamptz not null)`);
    this.addSql(`create table score_types (
      score_type_id uuid primary key, tenant_id text not null, event_id uuid not null, name text not null, scale_min double precision not null,
      scale_max double precision not null, weight double precision not null, calculation_method text not null, created_at timestamptz not null)`);
    this.addSql(`create index score_types_event_id_index on score_types (event_id)`);
    this.addSql(`create table judging_phases (
      event_id uuid not null, phase text not null, tenant_id text not null, position integer not null, carry_over double precision not null,
      weights jsonb not null, closed_at timestamptz null, defined_at timestamptz not null, primary key (event_id, phase))`);
    this.addSql(`create table judge_assignments (
      event_id uuid not null, phase text not null, judge_id uuid not null, tenant_id text not null, assigned_at timestamptz not null,
      locked_at timestamptz null, commitment text null, score_count integer null, salt text null, canonical text null, revealed_at timestamptz null,
      primary key (event_id, phase, judge_id))`);
    this.addSql(`create table raw_scores (
      score_id uuid primary key, tenant_id text not null, event_id uuid not null, phase text not null, contestant_id uuid not null,
      score_type_id uuid not null, value double precision not null, judge_id uuid not null, created_at timestamptz not null, updated_at timestamptz not null,
      locked boolean not null)`);
    this.addSql(`create index raw_scores_event_id_judge_id_index on raw_scores (event_id, judge_id)`);
    this.addSql(`create table score_adjustments (
      adjustment_id uuid primary key, tenant_id text not null, event_id uuid not null, phase text not null, contestant_id uuid not null,
      points double precision not null, reason text not null, adjusted_by text null, created_at timestamptz not null)`);
    this.addSql(`create index score_adjustments_event_id_index on score_adjustments (event_id)`);
    this.addSql(`create table normalized_scores (
      normalized_id uuid primary key, tenant_id text not null, event_id uuid not null, phase text not null, contestant_id uuid not null,
      score_type_id uuid not null, final_score double precision not null, weighted_score double precision not null)`);
    this.addSql(`create index normalized_scores_event_id_index on normalized_scores (event_id)`);
    this.addSql(`create table jury_results (
      event_id uuid not null, contestant_id uuid not null, tenant_id text not null, phase_scores jsonb not null, jury_score double precision not null,
      primary key (event_id, contestant_id))`);
    this.addSql(`create table scoring_snapshots (
      snapshot_id uuid primary key, tenant_id text not null, event_id uuid not null, reason text not null, phase text null,
      taken_at timestamptz not null, items jsonb not null)`);
    this.addSql(`create index scoring_snapshots_event_id_index on scoring_snapshots (event_id)`);
    this.addSql(`create table scoring_rank_baselines (
      event_id uuid not null, ranking text not null, contestant_id uuid not null, tenant_id text not null, rank integer not null,
      recalculated_at timestamptz not null, primary key (event_id, ranking, contestant_id))`);
  }

  override down(): void {
    for (const table of ['scoring_rank_baselines', 'scoring_snapshots', 'jury_results', 'normalized_scores', 'score_adjustments', 'raw_scores', 'judge_assignments', 'judging_phases', 'score_types', 'scoring_contests']) {
      this.addSql(`drop table if exists ${table}`);
    }
  }
}
