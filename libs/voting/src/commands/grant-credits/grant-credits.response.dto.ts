import { ApiProperty } from '@nestjs/swagger';
import type { GrantCreditsResult } from './grant-credits.command';

export class GrantCreditsResponse implements GrantCreditsResult {
  @ApiProperty({ format: 'uuid', description: 'Derived from the Idempotency-Key when one is sent, so a retry names the same grant.', example: '0190a6f5-6c7d-7e8f-9a0b-1c2d3e4f5a6b' })
  grantId!: string;

  @ApiProperty({ description: 'False when this grant had already been applied (nothing changed).', example: true })
  applied!: boolean;

  @ApiProperty({ minimum: 0, description: "The voter's credits after the grant.", example: 150 })
  balance!: number;
}
