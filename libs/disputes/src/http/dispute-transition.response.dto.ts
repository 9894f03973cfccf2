import { ApiProperty } from '@nestjs/swagger';
import { DISPUTE_STATUSES } from '../domain/dispute.events';
import type { DisputeStatus } from '../domain/dispute.events';
import type { DisputeTransitionResult } from '../commands/investigate-dispute/investigate-dispute.command';

export class DisputeTransitionResponse implements DisputeTransitionResult {
  @ApiProperty({ format: 'uuid', example: '0190a6f6-7d8e-7f90-8a1b-2c3d4e5f6a7b' })
  caseId!: string;

  @ApiProperty({ enum: DISPUTE_STATUSES, example: 'investigating' })
  status!: DisputeStatus;

  @ApiProperty({ format: 'date-time' })
  at!: string;
}
