import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { SPENDING_SOURCES, SpendingSource } from '../../domain/contest.events';
import { MAX_INT32 } from '@tally/platform';

export class ContestSettingsRequest {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 2147483647, default: 0, description: 'Free votes each voter gets per day.', example: 3 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_INT32)
  freeVotesPerDay?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 2147483647, default: 100, example: 50 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INT32)
  maxVotesPerRequest?: number;

  @ApiPropertyOptional({ default: false, description: 'Only voters with a verified phone may vote.', example: false })
  @IsOptional()
  @IsBoolean()
  requireVerifiedPhone?: boolean;

  @ApiPropertyOptional({ default: 'close', maxLength: 40, pattern: '^(close|never|\\d{4}-\\d{2}-\\d{2}T.+)$', description: 'Until when votes may be refunded: "close", "never" or an ISO-8601 instant.', example: 'close' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @Matches(/^(close|never|\d{4}-\d{2}-\d{2}T.+)$/)
  refundableUntil?: string;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', enum: [...SPENDING_SOURCES] },
    minItems: 3,
    maxItems: 3,
    uniqueItems: true,
    default: ['free', 'subscription', 'credits'],
    description: "The order a vote spends in: the event's free daily votes, the voter's subscription quota, paid credits; each once.",
    example: ['free', 'subscription', 'credits'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(3)
  @ArrayMaxSize(3)
  @ArrayUnique()
  @IsIn(SPENDING_SOURCES, { each: true })
  spendingOrder?: SpendingSource[];
}

export class CreateContestRequest {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Gala Awards 2025' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ format: 'date-time', example: '2025-03-01T18:00:00Z' })
  @IsISO8601({ strict: true })
  startDate!: string;

  @ApiProperty({ format: 'date-time', example: '2025-03-08T22:00:00Z' })
  @IsISO8601({ strict: true })
  endDate!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 2147483647, description: 'The most votes one voter may cast in the event', example: 100 })
  @IsInt()
  @Min(1)
  @Max(MAX_INT32)
  voteCap!: number;

  @ApiPropertyOptional({ default: 'USD', pattern: '^[A-Za-z]{3}$', description: 'ISO-4217.', example: 'USD' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z]{3}$/)
  currency?: string;

  @ApiPropertyOptional({ type: ContestSettingsRequest })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContestSettingsRequest)
  settings?: ContestSettingsRequest;
}
