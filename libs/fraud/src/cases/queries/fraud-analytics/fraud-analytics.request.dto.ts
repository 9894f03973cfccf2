import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { TREND_BUCKETS, TrendBucket } from './fraud-analytics.query';

export class FraudAnalyticsRequest {
  @ApiPropertyOptional({ format: 'uuid', description: "One event; the tenant's whole activity when absent." })
  @IsOptional()
  @IsUUID()
  eventId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Start of the window (inclusive); 7 days before `to` by default.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'End of the window (exclusive); now by default.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ enum: TREND_BUCKETS, default: 'day', description: 'Width of the trend buckets (UTC). A window holds at most 1,000 buckets.' })
  @IsOptional()
  @IsIn(TREND_BUCKETS)
  bucket?: TrendBucket;
}
