import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { MAX_INT32 } from '@tally/platform';
import { ContestSettingsRequest } from '../create-contest/create-contest.request.dto';

export class EditContestRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  startDate?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  endDate?: string;

  @ApiPropertyOptional()
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
