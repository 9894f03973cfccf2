import { ApiProperty } from '@nestjs/swagger';
import type { RefundVoteResult } from './refund-vote.command';

export class RefundVoteResponse implements RefundVoteResult {
  @ApiProperty({ format: 'uuid', example: '0190a6f6-7d8e-7f90-8a1b-2c3d4e5f6a7b' })
  voteId!: string;

  @ApiProperty({ enum: ['refunded'], example: 'refunded' })
  status!: 'refunded';
}
