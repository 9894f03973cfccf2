import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export class DetectPatternsRequest {
  @ApiPropertyOptional({ format: 'uuid', description: "Only this event's votes; all of the tenant's when absent." })
  @IsOptional()
  @IsUUID()
  eventId?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 5, maximum: 10080, default: 120, description: 'How far back from now to look, in minutes (at most a week).' })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(10080)
  windowMinutes?: number;
}
