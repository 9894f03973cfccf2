import { ApiProperty } from '@nestjs/swagger';
import { PHASE_NAMES, PhaseName } from '../../domain/judging.events';

export class CommitmentResponse {
  @ApiProperty({ enum: PHASE_NAMES, example: 'preliminary' })
  phase!: PhaseName;

  @ApiProperty({ format: 'uuid', example: '0190a6f6-2222-7ccc-8ddd-0123456789ab' })
  judgeId!: string;

  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 (hex) of canonical + "\\n" + salt, published at the lock.', example: '3f7a0c1e9b8d6a5f4e3d2c1b0a9f8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7' })
  commitment!: string;

  @ApiProperty({ minimum: 1, example: 5 })
  scoreCount!: number;

  @ApiProperty({ format: 'date-time', example: '2026-03-01T12:00:00.000Z' })
  lockedAt!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The salt, once revealed.', example: '9c2f0e…' })
  salt!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The hashed text, once revealed: a header line, then contestantId,scoreTypeId,value per score, sorted.', example: 'tally-jury-commitment-v1,<eventId>,preliminary,<judgeId>\n<contestantId>,<scoreTypeId>,8.5' })
  canonical!: string | null;
}

export class CommitmentsResponse {
  @ApiProperty({ format: 'uuid', example: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f' })
  eventId!: string;

  @ApiProperty({ type: String, nullable: true, format: 'date-time', example: '2026-03-02T20:00:00.000Z' })
  revealedAt!: string | null;

  @ApiProperty({ type: [CommitmentResponse] })
  items!: CommitmentResponse[];
}
