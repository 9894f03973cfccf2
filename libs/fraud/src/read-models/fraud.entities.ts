import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * The fraud scoring read models (SPEC.md, fraud and security tables), built from the log by
 * FraudScoresProjection and PaymentRiskProjection. Every row carries its tenant.
 */

/**
 * One screening: its score, decision and the factors that add up to it, from VoteCast.screening
 * (accepted and held votes: score_id = vote_id) or VoteScreenedOut (refused: no vote). Read by
 * id only, so no secondary index: one per vote would cost every vote its insertion.
 */
@Entity({ tableName: 'fraud_scores' })
export class FraudScoreRow {
  /** The vote's id, or the screening's for a refused vote. */
  @PrimaryKey({ type: 'uuid' }) scoreId!: string;
  @Property({ type: 'text' }) tenantId!: string;
  @Property({ type: 'text' }) userId!: string;
  /** Null for a refused vote (none was recorded). */
  @Property({ type: 'uuid', nullable: true }) voteId!: string | null;
  @Property({ type: 'uuid' }) contestId!: string;
  @Property({ type: 'integer' }) score!: number;
  /** accept | hold | reject */
  @Property({ type: 'text' }) riskLevel!: string;
  @Property({ type: 'json' }) factors!: unknown;
  @Property({ type: 'text' }) modelVersion!: string;
  @Property({ type: 'Date', columnType: 'timestamptz' }) createdAt!: Date;
}

/** Screened votes per public client address per ten-minute window. */
@Entity({ tableName: 'ip_velocity' })
export class IpVelocityRow {
  @PrimaryKey({ type: 'text' }) tenantId!: string;
  @PrimaryKey({ type: 'text' }) ipAddress!: string;
  @PrimaryKey({ type: 'Date', columnType: 'timestamptz' }) windowStart!: Date;
  @Property({ type: 'Date', columnType: 'timestamptz' }) windowEnd!: Date;
  @Property({ type: 'integer' }) count!: number;
  @Property({ type: 'integer' }) accounts!: number;
}

/** A device (client-sent fingerprint hash) seen on an account. */
@Entity({ tableName: 'device_fingerprints' })
@Unique({ properties: ['tenantId', 'userId', 'deviceHash'] })
@Index({ properties: ['tenantId', 'deviceHash'] })
export class DeviceFingerprintRow {
  @PrimaryKey({ type: 'uuid' }) fingerprintId!: string;
  @Property({ type: 'text' }) tenantId!: string;
  @Property({ type: 'text' }) userId!: string;
  @Property({ type: 'text' }) deviceHash!: string;
  @Property({ type: 'Date', columnType: 'timestamptz' }) firstSeen!: Date;
  @Property({ type: 'Date', columnType: 'timestamptz' }) lastSeen!: Date;
  @Property({ type: 'integer' }) votes!: number;
}

/** What a voter's payments went through, for the payment-risk signal. */
@Entity({ tableName: 'fraud_payment_risk' })
export class PaymentRiskRow {
  @PrimaryKey({ type: 'text' }) tenantId!: string;
  @PrimaryKey({ type: 'text' }) userId!: string;
  @Property({ type: 'integer' }) payments!: number;
  @Property({ type: 'integer' }) refunds!: number;
  @Property({ type: 'integer' }) disputes!: number;
  @Property({ type: 'integer' }) fraudWarnings!: number;
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true }) lastPurchaseAt!: Date | null;
}

/** An account that paid with a card (the provider's card fingerprint): accounts sharing a card are linked. */
@Entity({ tableName: 'fraud_payment_cards' })
@Index({ properties: ['tenantId', 'userId'] })
export class PaymentCardRow {
  @PrimaryKey({ type: 'text' }) tenantId!: string;
  @PrimaryKey({ type: 'text' }) cardFingerprint!: string;
  @PrimaryKey({ type: 'text' }) userId!: string;
  @Property({ type: 'integer' }) payments!: number;
  @Property({ type: 'Date', columnType: 'timestamptz' }) firstPaidAt!: Date;
  @Property({ type: 'Date', columnType: 'timestamptz' }) lastPaidAt!: Date;
}

/** Whose a payment is: fraud warnings name only the payment. */
@Entity({ tableName: 'fraud_payment_owners' })
export class PaymentOwnerRow {
  @PrimaryKey({ type: 'text' }) tenantId!: string;
  @PrimaryKey({ type: 'text' }) paymentId!: string;
  @Property({ type: 'text' }) userId!: string;
}
