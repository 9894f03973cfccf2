import { ApiProperty } from '@nestjs/swagger';
import { PHASE_NAMES, PhaseName } from '../../domain/judging.events';
import type { ClosePhaseResult } from './close-phase.command';

export class ClosePhaseResponse implements ClosePhaseResult {
  @ApiProperty({ enum: PHASE_NAMES, example: 'preliminary' })
  phase!: PhaseName;

  @ApiProperty({ format: 'uuid', description: "The phase-end snapshot (GET /api/leaderboard/snapshot/{snapshotId} once revealed).", example: '0190a6fa-4444-7aaa-8bbb-0123456789ab' })
  snapshotId!: string;
}
