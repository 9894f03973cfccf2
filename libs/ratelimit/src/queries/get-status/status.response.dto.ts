import { ApiProperty } from '@nestjs/swagger';
import { RULE_LEVELS, RULE_METHODS, RULE_SCOPES, RuleLevel, RuleMethod, RuleScope } from '../../domain/rate-limit-rule';

export class BucketStatusResponse {
  @ApiProperty({ example: 'user-votes-per-hour' }) rule!: string;
  @ApiProperty({ enum: RULE_LEVELS }) level!: RuleLevel;
  @ApiProperty({ enum: RULE_SCOPES }) scope!: RuleScope;
  @ApiProperty({ enum: RULE_METHODS }) method!: RuleMethod;
  @ApiProperty({ example: '/api/votes' }) route!: string;
  @ApiProperty({ type: 'integer', example: 3600 }) limit!: number;
  @ApiProperty({ type: 'integer', example: 3597 }) remaining!: number;
  @ApiProperty({ type: 'integer', description: 'Seconds until the bucket is full again.', example: 3540 }) resetSeconds!: number;
  @ApiProperty({ type: 'integer', example: 3600 }) windowSeconds!: number;
}

export class RateLimitStatusResponse {
  @ApiProperty({ type: Boolean, description: 'false when this server runs with RATE_LIMITS_ENABLED=false (nothing is counted).' }) enabled!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'The client key the `ip` rules count this caller under (IPv6: its network).', example: '203.0.113.9' }) clientKey!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'When a block of the caller\'s address ends, if one is in force.' }) blockedUntil!: string | null;
  @ApiProperty({ type: [BucketStatusResponse] }) buckets!: BucketStatusResponse[];
}
