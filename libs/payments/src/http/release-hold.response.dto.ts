import { ApiProperty } from '@nestjs/swagger';
import type { ReleaseCreditHoldResult } from '../commands/release-credit-hold/release-credit-hold.command';

export class ReleaseHoldResponse implements ReleaseCreditHoldResult {
  @ApiProperty({ format: 'uuid', example: '0190a6f9-a0b1-7c2d-8e3f-4a5b6c7d8e9f' })
  paymentId!: string;

  @ApiProperty({ format: 'uuid', example: '0190a6fb-c2d3-7e4f-8a5b-6c7d8e9f0a1b' })
  releaseId!: string;

  @ApiProperty({ type: 'integer', minimum: 0, example: 10 })
  creditsReleased!: number;

  @ApiProperty({ description: 'True when an earlier call already released this hold: nothing changed.', example: false })
  replayed!: boolean;
}
