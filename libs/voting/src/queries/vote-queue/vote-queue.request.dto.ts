import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { QueuedEventStatus } from '@tally/eventstore';
import { POSITION_EXAMPLE, POSITION_PATTERN } from '@tally/platform';

export const VOTE_QUEUE_STATUSES: readonly QueuedEventStatus[] = ['pending', 'applied', 'retrying', 'dead'];

export class VoteQueueRequest {
  @ApiPropertyOptional({ enum: VOTE_QUEUE_STATUSES, description: 'Only votes in this state. pending, retrying and dead list oldest first; applied and all, newest first.' })
  @IsOptional()
  @IsIn(VOTE_QUEUE_STATUSES)
  status?: QueuedEventStatus;

  @ApiPropertyOptional({ pattern: POSITION_PATTERN.source, example: POSITION_EXAMPLE, description: 'The nextCursor of the previous page (a log position).' })
  @IsOptional()
  @Matches(POSITION_PATTERN)
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 50, example: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
