import { Migration } from '@mikro-orm/migrations';

/**
 * The payment sandbox's Stripe Billing books (embedded mode): one row per sandbox subscription,
 * the object itself as JSON (providers/sandbox/sandbox-subscription.ts), its status and period
 * end for the sandbox clock's query, and a version for optimistic updates.
 */
export class Migration20261204180000_payments_sandbox_billing extends Migration {
  override up(): void {
    this.addSql(`create table sandbox_billing_subscriptions (
      subscription_id text primary key, tenant_id text not null, status text not null, current_period_end timestamptz not null,
      data jsonb not null, version integer not null, created_at timestamptz not null, updated_at timestamptz not null)`);
    this.addSql(`create index sandbox_billing_subscriptions_status_current_period_end_index on sandbox_billing_subscriptions (status, current_period_end)`);
  }

  override down(): void {
    this.addSql(`drop table sandbox_billing_subscriptions`);
  }
}
