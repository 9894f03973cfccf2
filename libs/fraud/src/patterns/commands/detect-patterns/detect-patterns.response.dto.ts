import { ApiProperty } from '@nestjs/swagger';
import type { DetectedFinding, DetectPatternsResult } from './detect-patterns.command';
import type { PatternAction, PatternType } from '../../domain/suspicious-pattern.events';

export class DetectedFindingResponse implements DetectedFinding {
  @ApiProperty({ format: 'uuid' })
  findingId!: string;

  @ApiProperty({ enum: ['ip-cluster-metronomic', 'ip-cluster'], example: 'ip-cluster-metronomic' })
  patternType!: PatternType;

  @ApiProperty({ enum: ['void', 'hold'], description: 'What happens to its votes: voided, or held for review.', example: 'void' })
  action!: PatternAction;

  @ApiProperty({ format: 'uuid' })
  eventId!: string;

  @ApiProperty({ format: 'uuid' })
  contestantId!: string;

  @ApiProperty({ example: '203.0.113.7' })
  clientIp!: string;

  @ApiProperty({ minimum: 1, example: 40 })
  accounts!: number;

  @ApiProperty({ minimum: 1, example: 120 })
  votes!: number;

  @ApiProperty({ description: 'False when an earlier run had already recorded it.', example: true })
  recordedNow!: boolean;
}

export class DetectPatternsResponse implements DetectPatternsResult {
  @ApiProperty({ format: 'date-time' })
  windowStart!: string;

  @ApiProperty({ format: 'date-time' })
  windowEnd!: string;

  @ApiProperty({ minimum: 0, description: 'Votes of candidate clusters examined.', example: 130 })
  examinedVotes!: number;

  @ApiProperty({ type: [DetectedFindingResponse] })
  findings!: DetectedFindingResponse[];
}
