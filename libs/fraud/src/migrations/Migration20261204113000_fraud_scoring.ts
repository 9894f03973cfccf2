import { Migration } from '@mikro-orm/migrations';

/** The fraud scoring read models: fraud_scores, ip_velocity, device_fingerprints, fraud_payment_risk, fraud_payment_owners. */
export class Migration20261204113000_fraud_scoring extends Migration {
  override up(): void {
    this.addSql(`create table fraud_scores (
      score_id uuid primary key, tenant_id text not null, user_id text not null, vote_id uuid null, contest_id uuid not null,
      score integer not null, risk_level text not null, factors jsonb not null, model_version text not null, created_at timestamptz not null)`);
    this.addSql(`create index fraud_scores_tenant_user_idx on fraud_scores (tenant_id, user_id, created_at)`);
    this.addSql(`create index fraud_scores_tenant_contest_idx on fraud_scores (tenant_id, contest_id, created_at)`);
    this.addSql(`create table ip_velocity (
      tenant_id text not null, ip_address text not null, window_start timestamptz not null, window_end timestamptz not null,
      count integer not null, accounts integer not null, primary key (tenant_id, ip_address, window_start))`);
    this.addSql(`create table device_fingerprints (
      fingerprint_id uuid primary key, tenant_id text not null, user_id text not null, device_hash text not null,
      first_seen timestamptz not null, last_seen timestamptz not null, votes integer not null)`);
    this.addSql(`create unique index device_fingerprints_tenant_user_device_unique on device_fingerprints (tenant_id, user_id, device_hash)`);
    this.addSql(`create index device_fingerprints_tenant_device_idx on device_fingerprints (tenant_id, device_hash)`);
    this.addSql(`create table fraud_payment_risk (
      tenant_id text not null, user_id text not null, payments integer not null, refunds integer not null, disputes integer not null,
      fraud_warnings integer not null, last_purchase_at timestamptz null, primary key (tenant_id, user_id))`);
    this.addSql(`create table fraud_payment_owners (tenant_id text not null, payment_id text not null, user_id text not null, primary key (tenant_id, payment_id))`);
  }

  override down(): void {
    for (const table of ['fraud_payment_owners', 'fraud_payment_risk', 'device_fingerprints', 'ip_velocity', 'fraud_scores']) this.addSql(`drop table if exists ${table}`);
  }
}
