import { ApiProperty } from '@nestjs/swagger';
import type { AdjustScoreResult } from './adjust-score.command';

export class AdjustScoreResponse implements AdjustScoreResult {
  @ApiProperty({ format: 'uuid', example: '0190a6f9-3333-7eee-8fff-0123456789ab' })
  adjustmentId!: string;
}
