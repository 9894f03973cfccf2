import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** The sandbox's Stripe Billing subscriptions (written with SQL by SandboxBilling; described here for the schema). */
@Entity({ tableName: 'sandbox_billing_subscriptions' })
@Index({ properties: ['status', 'currentPeriodEnd'] })
export class SandboxBillingSubscriptionRow {
  @PrimaryKey({ type: 'text' }) subscriptionId!: string;
  @Property({ type: 'text' }) tenantId!: string;
  @Property({ type: 'text' }) status!: string;
  @Property({ type: 'Date', columnType: 'timestamptz' }) currentPeriodEnd!: Date;
  @Property({ type: 'json' }) data!: unknown;
  @Property({ type: 'integer' }) version!: number;
  @Property({ type: 'Date', columnType: 'timestamptz' }) createdAt!: Date;
  @Property({ type: 'Date', columnType: 'timestamptz' }) updatedAt!: Date;
}
