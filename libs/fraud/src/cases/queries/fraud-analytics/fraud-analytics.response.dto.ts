import { ApiProperty } from '@nestjs/swagger';
import { TREND_BUCKETS } from './fraud-analytics.query';
import type { FraudAnalytics, FraudCounts, TrendBucket } from './fraud-analytics.query';

class FraudCountsResponse implements FraudCounts {
  @ApiProperty({ minimum: 0, description: 'Votes cast.', example: 1200 })
  votes!: number;

  @ApiProperty({ minimum: 0, description: 'Votes screening held when they were cast.', example: 36 })
  heldAtCast!: number;

  @ApiProperty({ minimum: 0, description: 'Cases opened (screening holds and pattern holds).', example: 40 })
  cases!: number;

  @ApiProperty({ minimum: 0, example: 10 })
  open!: number;

  @ApiProperty({ minimum: 0, example: 8 })
  approved!: number;

  @ApiProperty({ minimum: 0, example: 20 })
  rejected!: number;

  @ApiProperty({ minimum: 0, example: 1 })
  voided!: number;

  @ApiProperty({ minimum: 0, description: 'Held votes the voter refunded before review.', example: 1 })
  withdrawn!: number;
}

class FraudTotalsResponse extends FraudCountsResponse {
  @ApiProperty({ minimum: 0, maximum: 1, description: 'heldAtCast / votes.', example: 0.03 })
  holdRate!: number;

  @ApiProperty({ minimum: 0, maximum: 1, description: 'rejected / (approved + rejected).', example: 0.7143 })
  rejectRate!: number;

  @ApiProperty({ minimum: 0, description: 'Suspicious-pattern findings detected in the window.', example: 2 })
  findings!: number;
}

class TopSignalResponse {
  @ApiProperty({ example: 'ipVelocity' })
  signal!: string;

  @ApiProperty({ minimum: 1, example: 25 })
  cases!: number;
}

class TrendBucketResponse extends FraudCountsResponse {
  @ApiProperty({ format: 'date-time', example: '2026-03-01T00:00:00.000Z' })
  bucketStart!: string;
}

export class FraudAnalyticsResponse implements FraudAnalytics {
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  eventId!: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-02-22T12:00:00.000Z' })
  from!: string;

  @ApiProperty({ format: 'date-time', example: '2026-03-01T12:00:00.000Z' })
  to!: string;

  @ApiProperty({ enum: TREND_BUCKETS, example: 'day' })
  bucket!: TrendBucket;

  @ApiProperty({ type: FraudTotalsResponse })
  totals!: FraudTotalsResponse;

  @ApiProperty({ type: [TopSignalResponse], description: 'The signals behind the most cases (at most 10).' })
  topSignals!: TopSignalResponse[];

  @ApiProperty({ type: [TrendBucketResponse], description: 'Buckets with any activity, oldest first.' })
  trend!: TrendBucketResponse[];
}
