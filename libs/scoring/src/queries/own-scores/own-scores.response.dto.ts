import { ApiProperty } from '@nestjs/swagger';
import { PHASE_NAMES, PhaseName } from '../../domain/judging.events';

export class OwnScoreResponse {
  @ApiProperty({ format: 'uuid', example: '8f0a6f4e-5b6c-8d8e-9f0a-1b2c3d4e5f60' })
  scoreId!: string;

  @ApiProperty({ format: 'uuid', example: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f60' })
  contestantId!: string;

  @ApiProperty({ format: 'uuid', example: '0190a6f5-1111-7aaa-8bbb-0123456789ab' })
  scoreTypeId!: string;

  @ApiProperty({ example: 8.5 })
  value!: number;

  @ApiProperty({ format: 'date-time', example: '2026-03-01T12:00:00.000Z' })
  submittedAt!: string;
}

export class OwnPhaseScoresResponse {
  @ApiProperty({ enum: PHASE_NAMES, example: 'preliminary' })
  phase!: PhaseName;

  @ApiProperty({ example: false })
  closed!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-03-01T12:00:00.000Z' })
  lockedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '3f7a0c1e9b8d6a5f4e3d2c1b0a9f8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7' })
  commitment!: string | null;

  @ApiProperty({ type: [OwnScoreResponse] })
  scores!: OwnScoreResponse[];
}

export class OwnScoresResponse {
  @ApiProperty({ format: 'uuid', example: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f' })
  eventId!: string;

  @ApiProperty({ format: 'uuid', example: '0190a6f6-2222-7ccc-8ddd-0123456789ab' })
  judgeId!: string;

  @ApiProperty({ type: [OwnPhaseScoresResponse], description: 'The phases you judge.' })
  phases!: OwnPhaseScoresResponse[];
}
