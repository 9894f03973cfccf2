import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { ContestTotalResponse, RevenueResponse } from '../dashboard/dashboard.dto';

export class AnalyticsRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'Platform admins: this tenant only (default: every tenant). Others: their own; another id is 404.' })
  @IsOptional()
  @IsUUID()
  tenantId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Over time and per channel for this contest only.' })
  @IsOptional()
  @IsUUID()
  contestId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'From this instant (inclusive).' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Before this instant.' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;

  @ApiPropertyOptional({ enum: ['hour', 'day'], default: 'day' })
  @IsOptional()
  @IsIn(['hour', 'day'])
  bucket?: 'hour' | 'day';
}

export class BucketResponse {
  @ApiProperty({ description: 'The bucket start (UTC) or the channel.' }) key!: string;
  @ApiProperty({ description: 'Accepted votes (amounts).' }) votes!: number;
  @ApiProperty({ description: 'Vote requests.' }) count!: number;
}

export class AnalyticsResponse {
  @ApiProperty({ type: String, nullable: true }) tenantId!: string | null;
  @ApiProperty({ enum: ['hour', 'day'] }) bucket!: string;
  @ApiProperty({ type: [BucketResponse] }) overTime!: BucketResponse[];
  @ApiProperty({ type: [ContestTotalResponse], description: 'Every contest with accepted votes in the range, most first (at most 100).' }) perContest!: ContestTotalResponse[];
  @ApiProperty({ type: [BucketResponse], description: 'free, paid or mixed (credits spent).' }) perChannel!: BucketResponse[];
  @ApiProperty({ type: [RevenueResponse] }) revenue!: RevenueResponse[];
}
