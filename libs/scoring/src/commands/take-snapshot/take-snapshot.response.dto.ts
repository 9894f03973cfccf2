import { ApiProperty } from '@nestjs/swagger';
import { SnapshotItem, SnapshotReason } from '../../domain/judging.events';
import type { TakeSnapshotResult } from './take-snapshot.command';

export class ScoringSnapshotItemResponse implements SnapshotItem {
  @ApiProperty({ minimum: 1, example: 1 })
  rank!: number;

  @ApiProperty({ format: 'uuid', example: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f60' })
  contestantId!: string;

  @ApiProperty({ example: 'Amara Okafor' })
  name!: string;

  @ApiProperty({ minimum: 0, example: 1520 })
  votes!: number;

  @ApiProperty({ minimum: 0, maximum: 100, example: 82.5 })
  juryScore!: number;

  @ApiProperty({ minimum: 0, example: 91.25 })
  score!: number;
}

export class TakeSnapshotResponse implements TakeSnapshotResult {
  @ApiProperty({ format: 'uuid', example: '0190a6fa-4444-7aaa-8bbb-0123456789ab' })
  snapshotId!: string;

  @ApiProperty({ enum: ['phase-end', 'close', 'finalised', 'on-demand'], example: 'on-demand' })
  reason!: SnapshotReason;

  @ApiProperty({ type: [ScoringSnapshotItemResponse] })
  items!: ScoringSnapshotItemResponse[];
}
