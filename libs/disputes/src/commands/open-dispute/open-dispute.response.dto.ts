import { ApiProperty } from '@nestjs/swagger';
import { DISPUTE_STATUSES } from '../../domain/dispute.events';
import type { DisputeStatus } from '../../domain/dispute.events';
import type { OpenDisputeResult } from './open-dispute.command';

export class OpenDisputeResponse implements OpenDisputeResult {
  @ApiProperty({ format: 'uuid', example: '0190a6f6-7d8e-7f90-8a1b-2c3d4e5f6a7b' })
  caseId!: string;

  @ApiProperty({ enum: DISPUTE_STATUSES, example: 'open' })
  status!: DisputeStatus;

  @ApiProperty({ description: 'False when the same Idempotency-Key had already opened this case.', example: true })
  created!: boolean;
}
