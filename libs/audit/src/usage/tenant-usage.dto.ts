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

export class UsageDayResponse {
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty() voteCount!: number;
  @ApiProperty({ description: 'Distinct voters that day.' }) voterCount!: number;
  @ApiProperty() paymentCount!: number;
  @ApiProperty() refundCount!: number;
  @ApiProperty() contestsCreated!: number;
  @ApiProperty() apiRequests!: number;
  @ApiProperty({ description: 'More votes than the plan allows a day.' }) overVoteLimit!: boolean;
}

export class TenantUsageResponse {
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ enum: ['free', 'pro', 'enterprise'] }) planType!: string;
  @ApiProperty({ type: PlanLimitsResponse }) limits!: PlanLimitsResponse;
  @ApiProperty({ type: [UsageDayResponse], description: 'Days with any usage, oldest first (filled daily by audit.tenant-usage).' }) days!: UsageDayResponse[];
}
