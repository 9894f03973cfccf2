import { ApiProperty } from '@nestjs/swagger';
import { DISPUTE_EFFECT_TYPES, DISPUTE_RESOLUTIONS } from '../../domain/dispute.events';
import type { DisputeEffect, DisputeResolution } from '../../domain/dispute.events';
import type { EffectOutcome } from '../../effects/dispute-effects';
import { DisputeEffectResponse } from '../../http/dispute-case.response.dto';
import type { ResolveDisputeResult } from './resolve-dispute.command';

export class EffectOutcomeResponse implements EffectOutcome {
  @ApiProperty({ enum: DISPUTE_EFFECT_TYPES, example: 'refund_credits' })
  type!: EffectOutcome['type'];

  @ApiProperty({ description: "False when the voter's ledger already had it (nothing moved twice).", example: true })
  applied!: boolean;

  @ApiProperty({ type: 'integer', description: 'Credits moved on the balance (+ given back, − taken back).', example: 5 })
  creditsMoved!: number;

  @ApiProperty({ type: 'integer', nullable: true, description: "The voter's balance after it, when known.", example: 12 })
  balance!: number | null;
}

export class ResolveDisputeResponse implements ResolveDisputeResult {
  @ApiProperty({ format: 'uuid', example: '0190a6f6-7d8e-7f90-8a1b-2c3d4e5f6a7b' })
  caseId!: string;

  @ApiProperty({ enum: ['resolved'], example: 'resolved' })
  status!: 'resolved';

  @ApiProperty({ enum: DISPUTE_RESOLUTIONS, example: 'upheld' })
  resolution!: DisputeResolution;

  @ApiProperty({ type: DisputeEffectResponse })
  effect!: DisputeEffect;

  @ApiProperty({ type: EffectOutcomeResponse })
  outcome!: EffectOutcome;

  @ApiProperty({ format: 'date-time' })
  resolvedAt!: string;
}
