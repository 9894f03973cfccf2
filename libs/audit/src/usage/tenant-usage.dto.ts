import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class TenantUsageRequest {
  @ApiPropertyOptional({ format: 'date', description: 'First day (UTC), default 30 days ago.', example: '2026-05-01' })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last day (UTC, inclusive), default today.', example: '2026-05-31' })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;
}

export class PlanLimitsResponse {
  @ApiProperty({ type: Number, nullable: true, description: 'null: no limit.' }) contests!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'null: no limit.' }) votesPerDay!: number | null;
}

/** `{ "EUR": 1250 }`: minor units (cents) per ISO-4217 currency. */
const VOLUME = {
  type: 'object',
  additionalProperties: { type: 'integer' },
  example: { EUR: 1250 },
} as const;

export class UsageDayResponse {
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ description: 'VoteCast events (a vote of 5 counts once; votesCast counts 5).' }) voteCount!: number;
  @ApiProperty({ description: 'Distinct voters that day.' }) voterCount!: number;
  @ApiProperty() paymentCount!: number;
  @ApiProperty() refundCount!: number;
  @ApiProperty() contestsCreated!: number;
  @ApiProperty() apiRequests!: number;
  @ApiProperty({ description: 'More votes than the plan allows a day.' }) overVoteLimit!: boolean;
  @ApiProperty({ description: "Votes cast: the sum of the votes' amounts (held ones included)." }) votesCast!: number;
  @ApiProperty({ description: 'Of votesCast: paid with bought credits.' }) votesPaid!: number;
  @ApiProperty({ description: "Of votesCast: the contest's free daily votes." }) votesFree!: number;
  @ApiProperty({ description: "Of votesCast: from a voter's subscription quota." }) votesQuota!: number;
  @ApiProperty({ description: 'Votes refunded that day (by the voter or an organizer), by amount.' }) votesRefunded!: number;
  @ApiProperty({ description: 'Votes voided that day (revoked credits, fraud, an upheld dispute), by amount.' }) votesVoided!: number;
  @ApiProperty({ description: 'Held votes rejected by review that day, by amount.' }) votesRejected!: number;
  @ApiProperty({ ...VOLUME, description: 'Gross payment volume completed that day, minor units per currency.' }) paymentVolume!: Record<string, number>;
  @ApiProperty({ ...VOLUME, description: 'Refunded volume that day (refunds and lost disputes), minor units per currency.' }) refundedVolume!: Record<string, number>;
}

export class TenantUsageResponse {
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ enum: ['free', 'pro', 'enterprise'] }) planType!: string;
  @ApiProperty({ type: PlanLimitsResponse }) limits!: PlanLimitsResponse;
  @ApiProperty({ type: [UsageDayResponse], description: 'Days with any usage, oldest first (filled daily by audit.tenant-usage).' }) days!: UsageDayResponse[];
}
