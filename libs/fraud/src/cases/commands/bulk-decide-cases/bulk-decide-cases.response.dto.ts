import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { BulkCaseOutcome, BulkDecideCasesResult } from './bulk-decide-cases.command';
import type { CaseAction } from '../decide-case/decide-case.command';

export class BulkCaseProblemResponse {
  @ApiProperty({ example: 'https://tally.dev/problems/fraud-case-already-decided' })
  type!: string;

  @ApiProperty({ example: 409 })
  status!: number;

  @ApiProperty({ example: 'The fraud case is already decided' })
  title!: string;

  @ApiProperty({ example: 'The case is already decided: its vote is rejected' })
  detail!: string;
}

export class BulkCaseOutcomeResponse implements BulkCaseOutcome {
  @ApiProperty({ format: 'uuid', example: '0190a6f6-7d8e-7f90-8a1b-2c3d4e5f6a7b' })
  caseId!: string;

  @ApiProperty({ enum: ['approved', 'rejected', 'refused'], example: 'rejected' })
  outcome!: 'approved' | 'rejected' | 'refused';

  @ApiPropertyOptional({ minimum: 0, example: 3 })
  creditsReturned?: number;

  @ApiPropertyOptional({ type: BulkCaseProblemResponse, description: 'Why this case was refused (the problem a single action would have answered).' })
  problem?: BulkCaseProblemResponse;
}

export class BulkDecideCasesResponse implements BulkDecideCasesResult {
  @ApiProperty({ enum: ['approve', 'reject'], example: 'reject' })
  action!: CaseAction;

  @ApiProperty({ minimum: 0, example: 1 })
  decided!: number;

  @ApiProperty({ minimum: 0, example: 0 })
  refused!: number;

  @ApiProperty({ type: [BulkCaseOutcomeResponse], description: 'One per case, in the order sent.' })
  results!: BulkCaseOutcomeResponse[];
}
