import { ApiProperty } from '@nestjs/swagger';
import { PHASE_NAMES, PhaseName, RevealedCommitment } from '../../domain/judging.events';
import type { RevealScoresResult } from './reveal-scores.command';

export class RevealedCommitmentResponse implements RevealedCommitment {
  @ApiProperty({ enum: PHASE_NAMES, example: 'preliminary' })
  phase!: PhaseName;

  @ApiProperty({ format: 'uuid', example: '0190a6f6-2222-7ccc-8ddd-0123456789ab' })
  judgeId!: string;

  @ApiProperty({ pattern: '^[0-9a-f]{64}$', example: '3f7a0c1e9b8d6a5f4e3d2c1b0a9f8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7' })
  commitment!: string;

  @ApiProperty({ description: 'The secret of the lock, now public.', example: '9c2f…' })
  salt!: string;

  @ApiProperty({ description: 'The exact UTF-8 text hashed: SHA-256(canonical + "\\n" + salt) = commitment.', example: 'tally-jury-commitment-v1,<eventId>,preliminary,<judgeId>\n<contestantId>,<scoreTypeId>,8.5' })
  canonical!: string;
}

export class RevealScoresResponse implements RevealScoresResult {
  @ApiProperty({ format: 'date-time', example: '2026-03-02T20:00:00.000Z' })
  revealedAt!: string;

  @ApiProperty({ type: [RevealedCommitmentResponse] })
  reveals!: RevealedCommitmentResponse[];
}
