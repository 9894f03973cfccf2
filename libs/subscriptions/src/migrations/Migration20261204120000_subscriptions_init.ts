import { Migration } from '@mikro-orm/migrations';

/** The subscriptions read models (SPEC "Subscription & Quota Tables"), the reset job's rows and the billing webhook inbox. */
export class Migration20261204120000_subscriptions_init extends Migration {
  override up(): void {
    this.addSql(`create table pricing_plans (
      plan_id uuid primary key, tenant_id text not null, name text not null, daily_quota integer not null,
      monthly_cost integer not null, currency text not null, overage text not null, features jsonb not null,
      version integer not null, retired boolean not null default false, created_at timestamptz not null, updated_at timestamptz not null)`);
    this.addSql(`create index pricing_plans_tenant_id_plan_id_index on pricing_plans (tenant_id, plan_id)`);
    this.addSql(`create table subscriptions (
      subscription_id uuid primary key, tenant_id text not null, user_id text not null, plan_id uuid not null, plan_type text not null,
      start_date timestamptz not null, end_date timestamptz null, daily_quota integer not null, overage text not null, time_zone text not null,
      status text not null, provider text not null, provider_subscription_id text not null, paid_through timestamptz null,
      grace_until timestamptz null, updated_at timestamptz not null)`);
    this.addSql(`create index subscriptions_tenant_id_user_id_index on subscriptions (tenant_id, user_id)`);
    this.addSql(`create index subscriptions_status_grace_until_index on subscriptions (status, grace_until)`);
    this.addSql(`create index subscriptions_provider_subscription_id_index on subscriptions (provider_subscription_id)`);
    this.addSql(`create table subscription_usage (
      usage_id uuid primary key, tenant_id text not null, subscription_id uuid not null, date date not null,
      plan_id uuid not null, daily_quota integer not null, votes_used integer not null,
      constraint subscription_usage_subscription_id_date_unique unique (subscription_id, date))`);
    this.addSql(`create index subscription_usage_tenant_id_date_index on subscription_usage (tenant_id, date)`);
    this.addSql(`create table subscription_vote_usage (
      vote_id uuid primary key, tenant_id text not null, subscription_id uuid not null, date date not null, votes integer not null)`);
    this.addSql(`create table quota_reset_jobs (
      job_id uuid primary key, tenant_id text not null, subscription_id uuid not null unique, time_zone text not null,
      next_reset_date timestamptz not null, last_reset_date date null, status text not null)`);
    this.addSql(`create index quota_reset_jobs_status_next_reset_date_index on quota_reset_jobs (status, next_reset_date)`);
    this.addSql(`create table quota_resets (
      reset_id uuid primary key, tenant_id text not null, subscription_id uuid not null, local_date date not null, reset_at timestamptz not null,
      constraint quota_resets_subscription_id_local_date_unique unique (subscription_id, local_date))`);
    this.addSql(`create table subscription_webhooks (
      webhook_id uuid primary key, provider text not null, provider_event_id text not null, event_type text not null,
      tenant_id text null, subscription_id uuid null, signature text not null, payload jsonb not null, status text not null,
      attempts integer not null, last_error text null, received_at timestamptz not null, processed_at timestamptz null,
      constraint subscription_webhooks_provider_provider_event_id_unique unique (provider, provider_event_id))`);
  }

  override down(): void {
    for (const table of ['subscription_webhooks', 'quota_resets', 'quota_reset_jobs', 'subscription_vote_usage', 'subscription_usage', 'subscriptions', 'pricing_plans']) {
      this.addSql(`drop table if exists ${table}`);
    }
  }
}
