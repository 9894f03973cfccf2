import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * The payments read models and working tables (SPEC.md, payment tables). Every row carries its
 * tenant. `payments`, `refunds` and `dispute_cases` are projections of the payment streams;
 * `payment_webhooks` (the inbox, unique per provider event) and `payment_logs` are written
 * when a delivery arrives; price lists, tax rules and rates are tenant settings.
 */
@Entity({ tableName: 'payments' })
@Index({ properties: ['tenantId', 'userId', 'createdAt'] })
@Index({ properties: ['provider', 'providerPaymentId'] })
export class PaymentRow {
  @PrimaryKey({ type: 'uuid' }) paymentId!: string;
  @Property({ type: 'text' }) tenantId!: string;
  @Property({ type: 'text' }) userId!: string;
  @Property({ type: 'text', nullable: true }) contestId!: string | null;
  @Property({ type: 'integer' }) votes!: number;
  @Property({ type: 'bigint' }) amount!: string;
  @Property({ type: 'text' }) currency!: string;
  @Property({ type: 'bigint' }) taxAmount!: string;
  @Property({ type: 'bigint' }) amountRefunded!: string;
  @Property({ type: 'text' }) status!: string;
  @Property({ type: 'text' }) provider!: string;
  @Property({ type: 'text', nullable: true }) paymentMethod!: string | null;
  @Property({ type: 'text' }) providerPaymentId!: string;
  /** Credits held off the voter's balance while a dispute or fraud warning is unresolved. */
  @Property({ type: 'integer', default: 0 }) creditsHeld!: number;
  /** When the first early fraud warning arrived; null when none did. */
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true }) fraudWarnedAt!: Date | null;
  @Property({ type: 'Date', columnType: 'timestamptz', fieldName: 'timestamp' }) createdAt!: Date;
  @Property({ type: 'Date', columnType: 'timestamptz' }) updatedAt!: Date;
}

@Entity({ tableName: 'payment_webhooks' })
@Unique({ properties: ['provider', 'providerEventId'] })
@Index({ properties: ['status', 'nextAttemptAt'] })
export class PaymentWebhookRow {
  @PrimaryKey({ type: 'uuid' }) webhookId!: string;
  @Property({ type: 'text' }) tenantId!: string;
  @Property({ type: 'text', nullable: true }) paymentId!: string | null;
  @Property({ type: 'text' }) provider!: string;
  @Property({ type: 'text' }) providerEventId!: string;
  @Property({ type: 'text' }) eventType!: string;
  @Property({ type: 'text' }) signature!: string;
  @Property({ type: 'Date', columnType: 'timestamptz' }) verifiedAt!: Date;
  @Property({ type: 'json' }) payload!: unknown;
  @Property({ type: 'text' }) status!: string;
  @Property({ type: 'integer' }) attempts!: number;
  @Property({ type: 'text', nullable: true }) lastError!: string | null;
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true }) nextAttemptAt!: Date | null;
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true }) processedAt!: Date | null;
}

@Entity({ tableName: 'payment_logs' })
@Index({ properties: ['tenantId', 'paymentId'] })
export class PaymentLogRow {
  @PrimaryKey({ type: 'uuid' }) logId!: string;
  @Property({ type: 'text' }) tenantId!: string;
  @Property({ type: 'text', nullable: true }) paymentId!: string | null;
  @Property({ type: 'text' }) provider!: string;
  @Property({ type: 'text' }) event!: string;
  @Property({ type: 'integer' }) statusCode!: number;
  @Property({ type: 'json' }) response!: unknown;
  @Property({ type: 'Date', columnType: 'timestamptz' }) createdAt!: Date;
}

@Entity({ tableName: 'refunds' })
@Index({ properties: ['tenantId', 'paymentId'] })
export class RefundRow {
  @PrimaryKey({ type: 'text' }) refundId!: string;
  @Property({ type: 'text' }) tenantId!: string;
  @Property({ type: 'uuid' }) paymentId!: string;
  @Property({ type: 'bigint' }) amount!: string;
  @Property({ type: 'text' }) currency!: string;
  @Property({ type: 'text' }) reason!: string;
  @Property({ type: 'text' }) status!: string;
  @Property({ type: 'text', nullable: true }) providerRefundId!: string | null;
  @Property({ type: 'text', nullable: true }) requestedBy!: string | null;
  @Property({ type: 'Date', columnType: 'timestamptz' }) requestedAt!: Date;
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true }) processedAt!: Date | null;
}

@Entity({ tableName: 'dispute_cases' })
@Index({ properties: ['tenantId', 'paymentId'] })
export class DisputeCaseRow {
  @PrimaryKey({ type: 'text' }) disputeId!: string;
  @Property({ type: 'text' }) tenantId!: string;
  @Property({ type: 'uuid' }) paymentId!: string;
  @Property({ type: 'text' }) reason!: string;
  @Property({ type: 'text' }) status!: string;
  @Property({ type: 'text', nullable: true }) resolution!: string | null;
  @Property({ type: 'bigint' }) amount!: string;
  @Property({ type: 'text' }) currency!: string;
  @Property({ type: 'integer', nullable: true }) creditsHeld!: number | null;
  @Property({ type: 'Date', columnType: 'timestamptz' }) openedAt!: Date;
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true }) closedAt!: Date | null;
}

@Entity({ tableName: 'payment_price_lists' })
export class PriceListRow {
  @PrimaryKey({ type: 'text' }) tenantId!: string;
  /** '' for the tenant's default list. */
  @PrimaryKey({ type: 'text' }) contestId!: string;
  @PrimaryKey({ type: 'text' }) currency!: string;
  @Property({ type: 'integer' }) unitAmount!: number;
  @Property({ type: 'boolean' }) isBase!: boolean;
  @Property({ type: 'Date', columnType: 'timestamptz' }) updatedAt!: Date;
}

@Entity({ tableName: 'payment_tax_rules' })
export class TaxRuleRow {
  @PrimaryKey({ type: 'text' }) tenantId!: string;
  @PrimaryKey({ type: 'text' }) country!: string;
  @Property({ type: 'text' }) rate!: string;
  @Property({ type: 'text' }) mode!: string;
  @Property({ type: 'Date', columnType: 'timestamptz' }) updatedAt!: Date;
}

/** Exchange rates with the time they were observed; `*` rows are the platform's, used by every tenant. */
@Entity({ tableName: 'payment_fx_rates' })
export class FxRateRow {
  @PrimaryKey({ type: 'text' }) tenantId!: string;
  @PrimaryKey({ type: 'text' }) base!: string;
  @PrimaryKey({ type: 'text' }) quote!: string;
  @PrimaryKey({ type: 'Date', columnType: 'timestamptz' }) asOf!: Date;
  @Property({ type: 'text' }) rate!: string;
}
