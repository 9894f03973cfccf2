import { ApiProperty } from '@nestjs/swagger';
import { PHASE_NAMES, PhaseName } from '../../domain/judging.events';
import type { AssignJudgeResult } from './assign-judge.command';

export class AssignJudgeResponse implements AssignJudgeResult {
  @ApiProperty({ enum: PHASE_NAMES, example: 'preliminary' })
  phase!: PhaseName;

  @ApiProperty({ format: 'uuid', example: '0190a6f6-2222-7ccc-8ddd-0123456789ab' })
  judgeId!: string;

  @ApiProperty({ type: [String], description: "The phase's judges now.", example: ['0190a6f6-2222-7ccc-8ddd-0123456789ab'] })
  judges!: string[];
}
