import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { CASE_STATUSES, CaseStatus } from '../../read-models/fraud-case.row';

export class ListCasesRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the cases of this event.' })
  @IsOptional()
  @IsUUID()
  eventId?: string;

  @ApiPropertyOptional({ enum: CASE_STATUSES, description: '`open` is the queue still to review.', example: 'open' })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: CaseStatus;

  @ApiPropertyOptional({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z][A-Za-z0-9-]*$', description: 'Only cases a signal contributed to (e.g. ipVelocity, deviceSharing, pattern).', example: 'ipVelocity' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  @Matches(/^[A-Za-z][A-Za-z0-9-]*$/)
  signal?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Held at or after this instant.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Held before this instant.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'The nextCursor of the previous page.' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 50, example: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
