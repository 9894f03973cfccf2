import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { MAX_INT32 } from '@tally/platform';
import { ContestSettingsRequest } from '../create-contest/create-contest.request.dto';

export class EditContestRequest {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200, example: 'Gala Awards 2025 — Finals' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2025-03-01T18:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  startDate?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2025-03-09T22:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  endDate?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 2147483647, example: 150 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INT32)
  voteCap?: number;

  @ApiPropertyOptional({ type: ContestSettingsRequest })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContestSettingsRequest)
  settings?: ContestSettingsRequest;
}
