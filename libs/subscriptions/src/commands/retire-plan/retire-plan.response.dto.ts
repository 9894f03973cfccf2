import { ApiProperty } from '@nestjs/swagger';
import type { RetirePlanResult } from './retire-plan.command';

export class RetirePlanResponse implements RetirePlanResult {
  @ApiProperty({ format: 'uuid', example: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f61' })
  planId!: string;

  @ApiProperty({ enum: [true], example: true })
  retired!: true;
}
