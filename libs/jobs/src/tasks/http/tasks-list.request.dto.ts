import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { TASK_STATUSES, TaskStatus } from '../async-task';

export class TasksListRequest {
  @ApiPropertyOptional({ enum: TASK_STATUSES, description: 'Only tasks in this status.' })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @ApiPropertyOptional({ maxLength: 100, pattern: '^[a-z][a-z0-9_.-]*$', example: 'payments.refund-on-fraud-warning', description: 'Only tasks of this type.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(/^[a-z][a-z0-9_.-]*$/)
  type?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The nextCursor of the previous page.' })
  @IsOptional()
  @IsUUID()
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 50, example: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
