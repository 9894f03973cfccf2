import { ApiProperty } from '@nestjs/swagger';
import type { PlanResult } from './create-plan.command';

export class PlanResultResponse implements PlanResult {
  @ApiProperty({ format: 'uuid', example: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f61' })
  planId!: string;

  @ApiProperty({ minimum: 1, description: 'Starts at 1; each update adds one.', example: 1 })
  version!: number;
}
