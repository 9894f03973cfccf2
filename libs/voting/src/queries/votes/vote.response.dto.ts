import { ApiProperty } from '@nestjs/swagger';
import type { VoteView } from './vote.view';

export class VoteResponse implements VoteView {
  @ApiProperty({ format: 'uuid', example: '0190a6f6-7d8e-7f90-8a1b-2c3d4e5f6a7b' })
  voteId!: string;

  @ApiProperty({ format: 'uuid', example: '0190a6f1-2b3c-7d4e-8f50-6a7b8c9d0e1f' })
  userId!: string;

  @ApiProperty({ format: 'uuid', example: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f' })
  eventId!: string;

  @ApiProperty({ format: 'uuid', example: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f60' })
  contestantId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null })
  categoryId!: string | null;

  @ApiProperty({ minimum: 1, example: 10 })
  amount!: number;

  @ApiProperty({ enum: ['free', 'paid', 'mixed'], description: 'Which credits paid for it: free daily quota, paid credits, or both.', example: 'paid' })
  voteType!: string;

  @ApiProperty({ enum: ['accepted', 'held', 'refunded', 'voided', 'rejected'], example: 'accepted' })
  status!: string;

  @ApiProperty({ description: 'SHA-256 (hex) of the vote\'s canonical fields; POST /api/votes/verify checks it.', example: '9f2c4a1e7b3d5f60a8c2e4b6d8f0a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5' })
  hash!: string;

  @ApiProperty({ format: 'date-time', example: '2025-03-01T20:15:00.000Z' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  refundedAt!: string | null;
}
