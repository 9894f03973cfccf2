import { ApiProperty } from '@nestjs/swagger';
import { PHASE_NAMES, PhaseName } from '../../domain/judging.events';
import type { DefinePhaseResult } from './define-phase.command';

export class DefinePhaseResponse implements DefinePhaseResult {
  @ApiProperty({ enum: PHASE_NAMES, example: 'final' })
  phase!: PhaseName;
}
