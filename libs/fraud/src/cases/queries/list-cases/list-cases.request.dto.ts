import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageRequest } from '@tally/platform';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { CASE_STATUSES, CaseStatus } from '../../read-models/fraud-case.row';

export class ListCasesRequest extends PageRequest {
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
}
