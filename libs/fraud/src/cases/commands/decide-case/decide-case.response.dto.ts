import { ApiProperty } from '@nestjs/swagger';
import type { DecideCaseResult } from './decide-case.command';

export class DecideCaseResponse implements DecideCaseResult {
  @ApiProperty({ format: 'uuid', example: '0190a6f6-7d8e-7f90-8a1b-2c3d4e5f6a7b' })
  caseId!: string;

  @ApiProperty({ format: 'uuid', description: 'The held vote (a case has its id).', example: '0190a6f6-7d8e-7f90-8a1b-2c3d4e5f6a7b' })
  voteId!: string;

  @ApiProperty({ enum: ['approved', 'rejected'], example: 'rejected' })
  status!: 'approved' | 'rejected';

  @ApiProperty({ minimum: 0, description: 'Paid credits given back to the voter (a rejection).', example: 3 })
  creditsReturned!: number;

  @ApiProperty({ format: 'date-time', example: '2026-03-01T12:05:00.000Z' })
  decidedAt!: string;
}
