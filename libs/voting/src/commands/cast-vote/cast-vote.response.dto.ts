import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { CastVoteResponse } from '../../domain/voter.state';
import type { VoteRemaining, VoteStatus } from '../../domain/voter.events';

@ApiSchema({ name: 'VoteRemaining' })
export class VoteRemainingResponse implements VoteRemaining {
  @ApiProperty({ minimum: 0, description: 'Paid credits left.', example: 40 })
  credits!: number;

  @ApiProperty({ minimum: 0, description: 'Free votes left today in this event.', example: 0 })
  quotaToday!: number;

  @ApiProperty({ minimum: 0, description: 'Votes left under the event cap.', example: 90 })
  capLeft!: number;
}

/** Named CastVoteResponse in the document; the class name leaves the domain type its name. */
@ApiSchema({ name: 'CastVoteResponse' })
export class CastVoteResponseDto implements CastVoteResponse {
  @ApiProperty({ format: 'uuid', description: 'Also the receipt id: the Link header (rel="receipt") names where the receipt is.', example: '0190a6f6-7d8e-7f90-8a1b-2c3d4e5f6a7b' })
  voteId!: string;

  @ApiProperty({ format: 'uuid', example: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f' })
  eventId!: string;

  @ApiProperty({ format: 'uuid', example: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f60' })
  contestantId!: string;

  @ApiProperty({ minimum: 1, example: 10 })
  amount!: number;

  @ApiProperty({ enum: ['accepted', 'held'], description: '`held`: counted once fraud review clears it.', example: 'accepted' })
  status!: VoteStatus;

  @ApiProperty({ format: 'date-time', example: '2025-03-01T20:15:00.000Z' })
  createdAt!: string;

  @ApiProperty({ type: VoteRemainingResponse })
  remaining!: VoteRemainingResponse;
}
