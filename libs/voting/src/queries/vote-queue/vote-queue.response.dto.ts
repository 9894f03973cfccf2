import { ApiProperty } from '@nestjs/swagger';
import { POSITION_EXAMPLE } from '@tally/platform';
import { VOTE_QUEUE_STATUSES } from './vote-queue.request.dto';

export class VoteQueueEntryDto {
  @ApiProperty({ format: 'uuid', description: 'The VoteCast event carrying the vote.' }) queueId!: string;
  @ApiProperty({ format: 'uuid' }) voteId!: string;
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({
    enum: VOTE_QUEUE_STATUSES,
    description: 'pending: not yet in every read model; applied: in all of them; retrying: a read model could not apply it and retries it in the background; dead: no retry left, an operator replays it (projections:replay-dead-letter).',
  })
  status!: string;
  @ApiProperty({ description: 'Background retries so far.', example: 0 }) retryCount!: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) nextRetryAt!: string | null;
  @ApiProperty({ example: POSITION_EXAMPLE, description: 'Its position in the log.' }) position!: string;
  @ApiProperty({ format: 'date-time', description: 'When the vote was stored.' }) createdAt!: string;
}

export class VoteQueueDepthDto {
  @ApiProperty({ description: 'Votes not yet in every read model, counted up to PROJECTIONS_LAG_COUNT_CAP (1000).', example: 0 }) pending!: number;
  @ApiProperty({ description: 'True when there are more pending votes than counted.' }) pendingCapped!: boolean;
  @ApiProperty({ example: 0 }) retrying!: number;
  @ApiProperty({ example: 0 }) dead!: number;
}

export class VoteQueueResponse {
  @ApiProperty({ type: VoteQueueDepthDto }) depth!: VoteQueueDepthDto;
  @ApiProperty({ type: [VoteQueueEntryDto], description: 'A page may hold fewer than `limit` entries when a status filter leaves some out; follow nextCursor.' }) items!: VoteQueueEntryDto[];
  @ApiProperty({ type: String, nullable: true, example: POSITION_EXAMPLE, description: 'Pass as `cursor` for the next page; null on the last one.' }) nextCursor!: string | null;
}
