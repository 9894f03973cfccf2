import { ApiProperty } from '@nestjs/swagger';
import { PHASE_NAMES, PhaseName } from '../../domain/judging.events';
import type { LockScoresResult } from './lock-scores.command';

export class LockScoresResponse implements LockScoresResult {
  @ApiProperty({ enum: PHASE_NAMES, example: 'preliminary' })
  phase!: PhaseName;

  @ApiProperty({ format: 'uuid', example: '0190a6f6-2222-7ccc-8ddd-0123456789ab' })
  judgeId!: string;

  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: "SHA-256 (hex) of the judge's canonical scores and a secret salt; published now, checked at the reveal.", example: '3f7a0c1e9b8d6a5f4e3d2c1b0a9f8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7' })
  commitment!: string;

  @ApiProperty({ minimum: 1, example: 5 })
  scoreCount!: number;

  @ApiProperty({ format: 'date-time', example: '2026-03-01T12:00:00.000Z' })
  lockedAt!: string;
}
