import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The ratelimit read models (SPEC.md, rate limiting tables). The projection and the attempt
 * recorder write them with SQL; these entities describe them for the schema.
 */
@Entity({ tableName: 'rate_limit_rules' })
export class RateLimitRuleRow {
  @PrimaryKey({ type: 'uuid' }) ruleId!: string;
  @Property({ type: 'text', nullable: true }) @Index() tenantId!: string | null;
  @Property({ type: 'text' }) level!: string;
  @Property({ type: 'text' }) name!: string;
  @Property({ type: 'text' }) scope!: string;
  @Property({ type: 'text' }) method!: string;
  @Property({ type: 'text' }) route!: string;
  /** `METHOD route`, as SPEC.md names the column. */
  @Property({ type: 'text' }) endpoint!: string;
  @Property({ type: 'integer', fieldName: 'limit' }) limit!: number;
  @Property({ type: 'integer' }) windowSeconds!: number;
  @Property({ type: 'boolean' }) enabled!: boolean;
  @Property({ type: 'Date', columnType: 'timestamptz' }) updatedAt!: Date;
}

@Entity({ tableName: 'rate_limit_blocks' })
export class RateLimitBlockRow {
  @PrimaryKey({ type: 'uuid' }) blockId!: string;
  @Property({ type: 'text' }) network!: string;
  @Property({ type: 'text' }) reason!: string;
  @Property({ type: 'text' }) source!: string;
  @Property({ type: 'Date', columnType: 'timestamptz' }) @Index() blockedUntil!: Date;
  @Property({ type: 'Date', columnType: 'timestamptz' }) createdAt!: Date;
  @Property({ type: 'text', nullable: true }) createdBy!: string | null;
}

@Entity({ tableName: 'rate_limit_attempts' })
@Index({ properties: ['tenantId', 'attemptId'] })
export class RateLimitAttemptRow {
  @PrimaryKey({ type: 'uuid' }) attemptId!: string;
  @Property({ type: 'text', nullable: true }) tenantId!: string | null;
  @Property({ type: 'text', nullable: true }) userId!: string | null;
  @Property({ type: 'text', nullable: true }) ipAddress!: string | null;
  @Property({ type: 'text' }) endpoint!: string;
  @Property({ type: 'uuid', nullable: true }) ruleId!: string | null;
  @Property({ type: 'text' }) ruleName!: string;
  @Property({ type: 'Date', columnType: 'timestamptz' }) @Index() timestamp!: Date;
}
