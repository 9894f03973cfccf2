import { ApiProperty } from '@nestjs/swagger';
import { PHASE_NAMES, PhaseName } from '../../domain/judging.events';
import type { SubmitScoresResult } from './submit-score.command';

export class SubmittedScoreResponse {
  @ApiProperty({ format: 'uuid', description: 'The same for the same judge, phase, contestant and score type: a score given again replaces the earlier one.', example: '8f0a6f4e-5b6c-8d8e-9f0a-1b2c3d4e5f60' })
  scoreId!: string;

  @ApiProperty({ format: 'uuid', example: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f60' })
  contestantId!: string;

  @ApiProperty({ format: 'uuid', example: '0190a6f5-1111-7aaa-8bbb-0123456789ab' })
  scoreTypeId!: string;

  @ApiProperty({ example: 8.5 })
  value!: number;
}

export class SubmitScoresResponse implements SubmitScoresResult {
  @ApiProperty({ enum: PHASE_NAMES, example: 'preliminary' })
  phase!: PhaseName;

  @ApiProperty({ type: [SubmittedScoreResponse] })
  scores!: SubmittedScoreResponse[];
}
