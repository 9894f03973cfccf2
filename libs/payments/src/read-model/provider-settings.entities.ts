import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { Envelope } from '@tally/platform';

/**
 * A tenant's own keys for one provider. Working tables, not projections: secrets never enter
 * the event log (it is never rewritten, so a leaked or rotated key could not be removed).
 */
@Entity({ tableName: 'payment_provider_settings' })
export class ProviderSettingsRow {
  @PrimaryKey({ type: 'text' }) tenantId!: string;
  @PrimaryKey({ type: 'text' }) provider!: string;
  @Property({ type: 'boolean' }) enabled!: boolean;
  /** Sealed under the master key; the hint (`sk_test_…4242`) is what reads show. */
  @Property({ type: 'json', nullable: true }) secretKey!: Envelope | null;
  @Property({ type: 'text', nullable: true }) secretKeyHint!: string | null;
  @Property({ type: 'json', nullable: true }) webhookSecret!: Envelope | null;
  @Property({ type: 'text', nullable: true }) webhookSecretHint!: string | null;
  @Property({ type: 'Date', columnType: 'timestamptz' }) updatedAt!: Date;
  @Property({ type: 'text', nullable: true }) updatedBy!: string | null;
}

@Entity({ tableName: 'payment_tenant_settings' })
export class TenantPaymentSettingsRow {
  @PrimaryKey({ type: 'text' }) tenantId!: string;
  @Property({ type: 'text', nullable: true }) defaultProvider!: string | null;
  @Property({ type: 'Date', columnType: 'timestamptz' }) updatedAt!: Date;
  @Property({ type: 'text', nullable: true }) updatedBy!: string | null;
}

/** Who changed which payment setting, with masked hints only (never a key). */
@Entity({ tableName: 'payment_settings_audit' })
@Index({ properties: ['tenantId', 'changedAt'] })
export class PaymentSettingsAuditRow {
  @PrimaryKey({ type: 'uuid' }) auditId!: string;
  @Property({ type: 'text' }) tenantId!: string;
  @Property({ type: 'text', nullable: true }) actorId!: string | null;
  @Property({ type: 'text', nullable: true }) requestId!: string | null;
  @Property({ type: 'json' }) changes!: unknown;
  @Property({ type: 'Date', columnType: 'timestamptz' }) changedAt!: Date;
}
