import { ApiProperty } from '@nestjs/swagger';
import type { LedgerEntryView } from './votes.queries';

export class LedgerEntryResponse implements LedgerEntryView {
  @ApiProperty({ format: 'uuid', example: '0190a6f7-8e9f-7a0b-9c1d-2e3f4a5b6c7d' })
  transactionId!: string;

  @ApiProperty({ enum: ['grant', 'revoke', 'vote', 'refund', 'void', 'reject'], example: 'vote' })
  kind!: string;

  @ApiProperty({ format: 'date-time', example: '2025-03-01T20:15:00.000Z' })
  timestamp!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f' })
  eventId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '0190a6f6-7d8e-7f90-8a1b-2c3d4e5f6a7b' })
  voteId!: string | null;

  @ApiProperty({ description: 'Votes cast (vote) or given back (refund, void).', example: 10 })
  voteCount!: number;

  @ApiProperty({ description: 'Change of the credit balance (negative when spent or revoked).', example: -10 })
  creditsDelta!: number;

  @ApiProperty({ minimum: 0, description: 'Credits left after this entry.', example: 40 })
  remainingVotes!: number;
}
