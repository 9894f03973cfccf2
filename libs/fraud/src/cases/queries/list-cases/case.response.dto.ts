import { ApiProperty } from '@nestjs/swagger';
import { CASE_STATUSES, FraudCaseView } from '../../read-models/fraud-case.row';

export class FraudCaseResponse implements FraudCaseView {
  @ApiProperty({ format: 'uuid', description: 'The held vote\'s id.', example: '0190a6f6-7d8e-7f90-8a1b-2c3d4e5f6a7b' })
  caseId!: string;

  @ApiProperty({ format: 'uuid', example: '0190a6f6-7d8e-7f90-8a1b-2c3d4e5f6a7b' })
  voteId!: string;

  @ApiProperty({ example: '0190a6f0-1111-7222-8333-444455556666' })
  userId!: string;

  @ApiProperty({ format: 'uuid', example: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f' })
  eventId!: string;

  @ApiProperty({ format: 'uuid', example: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f60' })
  contestantId!: string;

  @ApiProperty({ minimum: 1, example: 5 })
  amount!: number;

  @ApiProperty({ enum: CASE_STATUSES, example: 'open' })
  status!: string;

  @ApiProperty({ enum: ['screening', 'pattern'], description: 'Held by the screening of the vote, or after the fact by pattern detection.', example: 'screening' })
  source!: string;

  @ApiProperty({ description: 'The strongest signal, or the finding that held it.', example: 'ipVelocity' })
  reason!: string;

  @ApiProperty({ enum: ['low', 'medium', 'high'], example: 'medium' })
  severity!: string;

  @ApiProperty({ type: 'integer', nullable: true, minimum: 0, maximum: 100, example: 68 })
  score!: number | null;

  @ApiProperty({ type: [String], example: ['ipVelocity', 'votePattern'] })
  signals!: string[];

  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'The screening factors as recorded with the vote.' })
  factors!: unknown[];

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  findingId!: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-03-01T12:00:00.000Z' })
  heldAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  decidedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The reviewer (user id); null for system decisions.' })
  decidedBy!: string | null;

  @ApiProperty({ type: String, nullable: true })
  decisionReason!: string | null;
}

export class FraudCasePageResponse {
  @ApiProperty({ type: [FraudCaseResponse] })
  items!: FraudCaseResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last.' })
  nextCursor!: string | null;
}
