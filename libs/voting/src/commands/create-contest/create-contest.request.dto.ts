import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { MAX_INT32 } from '@tally/platform';

export class ContestSettingsRequest {
  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_INT32)
  freeVotesPerDay?: number;

  @ApiPropertyOptional({ default: 100 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INT32)
  maxVotesPerRequest?: number;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  requireVerifiedPhone?: boolean;

  @ApiPropertyOptional({ default: 'close', description: '"close", "never" or an ISO-8601 instant' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @Matches(/^(close|never|\d{4}-\d{2}-\d{2}T.+)$/)
  refundableUntil?: string;
}

export class CreateContestRequest {
  @ApiProperty()
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  startDate!: string;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  endDate!: string;

  @ApiProperty({ description: 'The most votes one voter may cast in the event' })
  @IsInt()
  @Min(1)
  @Max(MAX_INT32)
  voteCap!: number;

  @ApiPropertyOptional({ default: 'USD' })
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
