import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { PageRequest } from '@tally/platform';

export class AuditLogsRequest extends PageRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'Platform admins: this tenant only (default: every tenant). Others: their own tenant only; another id is 404.' })
  @IsOptional()
  @IsUUID()
  tenantId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only what this user did.' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ maxLength: 80, description: 'The event type, e.g. TenantSettingsChanged.', example: 'ContestStatusChanged' })
  @IsOptional()
  @Matches(/^[A-Za-z][A-Za-z0-9]{0,79}$/, { message: 'action must be an event type (letters and digits)' })
  action?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'The resource (stream id), or its beginning: `contest-` for every contest.', example: 'contest-' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  resource?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'From this instant (inclusive).' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Before this instant.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
