import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { VerifyVoteResult } from './verify-vote.query';

@ApiSchema({ name: 'VoteChecks' })
export class VoteChecksResponse {
  @ApiProperty({ description: 'The VoteCast event is in the log.', example: true })
  eventFound!: boolean;

  @ApiProperty({ description: 'The stored vote equals its event.', example: true })
  fieldsMatch!: boolean;

  @ApiProperty({ description: 'The hash of the canonical fields equals the recorded one.', example: true })
  hashMatches!: boolean;
}

@ApiSchema({ name: 'VoteLogPosition' })
export class VoteLogPositionResponse {
  @ApiProperty({ example: 'voter-0190a6f0-0a1b-7c2d-8e3f-4a5b6c7d8e9f.0190a6f1-2b3c-7d4e-8f50-6a7b8c9d0e1f' })
  streamId!: string;

  @ApiProperty({ minimum: 0, example: 12 })
  revision!: number;
}

export class VerifyVoteResponse implements VerifyVoteResult {
  @ApiProperty({ description: 'True when every check passed.', example: true })
  valid!: boolean;

  @ApiProperty({ format: 'uuid', example: '0190a6f6-7d8e-7f90-8a1b-2c3d4e5f6a7b' })
  voteId!: string;

  @ApiProperty({ description: 'SHA-256 (hex) of the vote\'s canonical fields, as recorded in the event.', example: '9f2c4a1e7b3d5f60a8c2e4b6d8f0a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5' })
  hash!: string;

  @ApiProperty({ type: VoteChecksResponse })
  checks!: VoteChecksResponse;

  @ApiProperty({ format: 'uuid', example: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f' })
  eventId!: string;

  @ApiProperty({ format: 'uuid', example: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f60' })
  contestantId!: string;

  @ApiProperty({ minimum: 1, example: 10 })
  amount!: number;

  @ApiProperty({ format: 'date-time', example: '2025-03-01T20:15:00.000Z' })
  createdAt!: string;

  @ApiProperty({ enum: ['accepted', 'held', 'refunded', 'voided', 'rejected'], example: 'accepted' })
  status!: string;

  @ApiProperty({ type: VoteLogPositionResponse, description: 'Where the vote sits in the event log.' })
  stream!: VoteLogPositionResponse;
}
