import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * The subscriptions read models (SPEC.md, subscription and quota tables). Projections and the
 * reset job write them with SQL; these entities describe them for the schema.
 */
@Entity({ tableName: 'pricing_plans' })
@Index({ properties: ['tenantId', 'planId'] })
export class PricingPlanRow {
  @PrimaryKey({ type: 'uuid' }) planId!: string;
  @Property({ type: 'text' }) tenantId!: string;
  @Property({ type: 'text' }) name!: string;
  @Property({ type: 'integer' }) dailyQuota!: number;
  @Property({ type: 'integer' }) monthlyCost!: number;
  @Property({ type: 'text' }) currency!: string;
  @Property({ type: 'text' }) overage!: string;
  @Property({ type: 'json' }) features!: string[];
  @Property({ type: 'integer' }) version!: number;
  @Property({ type: 'boolean' }) retired!: boolean;
  @Property({ type: 'Date', columnType: 'timestamptz' }) createdAt!: Date;
  @Property({ type: 'Date', columnType: 'timestamptz' }) updatedAt!: Date;
}

@Entity({ tableName: 'subscriptions' })
@Index({ properties: ['tenantId', 'userId'] })
export class SubscriptionRow {
  @PrimaryKey({ type: 'uuid' }) subscriptionId!: string;
  @Property({ type: 'text' }) tenantId!: string;
  @Property({ type: 'text' }) userId!: string;
  @Property({ type: 'uuid' }) planId!: string;
  @Property({ type: 'text' }) planType!: string;
  @Property({ type: 'Date', columnType: 'timestamptz' }) startDate!: Date;
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true }) endDate!: Date | null;
  @Property({ type: 'integer' }) dailyQuota!: number;
  @Property({ type: 'text' }) overage!: string;
  @Property({ type: 'text' }) timeZone!: string;
  @Property({ type: 'text' }) status!: string;
  @Property({ type: 'text' }) provider!: string;
  @Property({ type: 'text' }) @Index() providerSubscriptionId!: string;
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true }) paidThrough!: Date | null;
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true }) graceUntil!: Date | null;
  @Property({ type: 'Date', columnType: 'timestamptz' }) updatedAt!: Date;
}

@Entity({ tableName: 'subscription_usage' })
@Unique({ properties: ['subscriptionId', 'date'] })
export class SubscriptionUsageRow {
  @PrimaryKey({ type: 'uuid' }) usageId!: string;
  @Property({ type: 'text' }) tenantId!: string;
  @Property({ type: 'uuid' }) subscriptionId!: string;
  @Property({ type: 'string', columnType: 'date' }) date!: string;
  @Property({ type: 'uuid' }) planId!: string;
  @Property({ type: 'integer' }) dailyQuota!: number;
  @Property({ type: 'integer' }) votesUsed!: number;
}

@Entity({ tableName: 'subscription_vote_usage' })
export class SubscriptionVoteUsageRow {
  @PrimaryKey({ type: 'uuid' }) voteId!: string;
  @Property({ type: 'text' }) tenantId!: string;
  @Property({ type: 'uuid' }) subscriptionId!: string;
  @Property({ type: 'string', columnType: 'date' }) date!: string;
  @Property({ type: 'integer' }) votes!: number;
}

@Entity({ tableName: 'quota_reset_jobs' })
export class QuotaResetJobRow {
  @PrimaryKey({ type: 'uuid' }) jobId!: string;
  @Property({ type: 'text' }) tenantId!: string;
  @Property({ type: 'uuid', unique: true }) subscriptionId!: string;
  @Property({ type: 'text' }) timeZone!: string;
  @Property({ type: 'Date', columnType: 'timestamptz' }) nextResetDate!: Date;
  @Property({ type: 'string', columnType: 'date', nullable: true }) lastResetDate!: string | null;
  @Property({ type: 'text' }) status!: string;
}

@Entity({ tableName: 'quota_resets' })
@Unique({ properties: ['subscriptionId', 'localDate'] })
export class QuotaResetRow {
  @PrimaryKey({ type: 'uuid' }) resetId!: string;
  @Property({ type: 'text' }) tenantId!: string;
  @Property({ type: 'uuid' }) subscriptionId!: string;
  @Property({ type: 'string', columnType: 'date' }) localDate!: string;
  @Property({ type: 'Date', columnType: 'timestamptz' }) resetAt!: Date;
}

@Entity({ tableName: 'subscription_webhooks' })
@Unique({ properties: ['provider', 'providerEventId'] })
export class SubscriptionWebhookRow {
  @PrimaryKey({ type: 'uuid' }) webhookId!: string;
  @Property({ type: 'text' }) provider!: string;
  @Property({ type: 'text' }) providerEventId!: string;
  @Property({ type: 'text' }) eventType!: string;
  @Property({ type: 'text', nullable: true }) tenantId!: string | null;
  @Property({ type: 'uuid', nullable: true }) subscriptionId!: string | null;
  @Property({ type: 'text' }) signature!: string;
  @Property({ type: 'json' }) payload!: unknown;
  @Property({ type: 'text' }) status!: string;
  @Property({ type: 'integer' }) attempts!: number;
  @Property({ type: 'text', nullable: true }) lastError!: string | null;
  @Property({ type: 'Date', columnType: 'timestamptz' }) receivedAt!: Date;
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true }) processedAt!: Date | null;
}
