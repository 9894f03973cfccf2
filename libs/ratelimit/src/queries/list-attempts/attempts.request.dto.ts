import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageRequest } from '../page.request.dto';

export class AttemptsRequest extends PageRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this user\'s refusals.' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ maxLength: 64, description: 'Only this client (an address; IPv6 is matched by its network, as it is counted).', example: '203.0.113.9' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  ip?: string;

  @ApiPropertyOptional({ maxLength: 210, description: '`METHOD route`, as the rules write it.', example: 'POST /api/votes' })
  @IsOptional()
  @IsString()
  @Length(1, 210)
  endpoint?: string;

  @ApiPropertyOptional({ maxLength: 80, description: 'The rule name (or `block:<network>` for a blocked client).', example: 'user-votes-per-hour' })
  @IsOptional()
  @IsString()
  @Length(1, 80)
  rule?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'From this instant (inclusive).' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Before this instant.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
