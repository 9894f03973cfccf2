import { ApiProperty } from '@nestjs/swagger';
import type { FinaliseScoringResult } from './finalise-scoring.command';

export class FinaliseScoringResponse implements FinaliseScoringResult {
  @ApiProperty({ format: 'date-time', example: '2026-03-02T21:00:00.000Z' })
  finalisedAt!: string;

  @ApiProperty({ format: 'uuid', description: 'The final blended snapshot.', example: '0190a6fa-4444-7aaa-8bbb-0123456789ab' })
  snapshotId!: string;
}
