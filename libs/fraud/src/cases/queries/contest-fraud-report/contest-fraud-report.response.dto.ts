import { ApiProperty } from '@nestjs/swagger';
import { FraudCaseResponse } from '../list-cases/case.response.dto';
import type { ContestFraudReport, FindingView } from './contest-fraud-report.query';

class FindingAccountResponse {
  @ApiProperty({ example: '0190a6f0-1111-7222-8333-444455556666' })
  userId!: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  voteIds!: string[];
}

export class FindingResponse implements FindingView {
  @ApiProperty({ format: 'uuid' })
  findingId!: string;

  @ApiProperty({ enum: ['ip-cluster-metronomic', 'ip-cluster'], example: 'ip-cluster-metronomic' })
  patternType!: string;

  @ApiProperty({ enum: ['void', 'hold'], example: 'void' })
  action!: string;

  @ApiProperty({ format: 'uuid' })
  contestantId!: string;

  @ApiProperty({ format: 'date-time' })
  detectedAt!: string;

  @ApiProperty({ type: [FindingAccountResponse] })
  accounts!: FindingAccountResponse[];

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Client address, accounts, votes, timing (mean gap, coefficient of variation) and the thresholds met.' })
  evidence!: unknown;
}

export class ContestFraudReportResponse implements ContestFraudReport {
  @ApiProperty({ format: 'uuid' })
  eventId!: string;

  @ApiProperty({ format: 'date-time' })
  generatedAt!: string;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Cases of the event by status.', example: { open: 2, approved: 5, rejected: 9 } })
  summary!: Record<string, number>;

  @ApiProperty({ type: [FraudCaseResponse], description: 'Every held vote with its screening factors and its decision, oldest first.' })
  decisions!: FraudCaseResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page of decisions.' })
  nextCursor!: string | null;

  @ApiProperty({ type: [FindingResponse], description: 'Pattern findings with their evidence (on the first page).' })
  findings!: FindingResponse[];
}
