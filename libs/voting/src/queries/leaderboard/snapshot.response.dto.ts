import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { SnapshotView } from './leaderboard.reader';

@ApiSchema({ name: 'SnapshotItem' })
export class SnapshotItemResponse {
  @ApiProperty({ minimum: 1, example: 1 })
  rank!: number;

  @ApiProperty({ format: 'uuid', example: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f60' })
  contestantId!: string;

  @ApiProperty({ example: 'Amara Okafor' })
  name!: string;

  @ApiProperty({ minimum: 0, example: 1520 })
  votes!: number;
}

/** The leaderboard as it stood at one moment (kept for audits and the "change" column). */
export class SnapshotResponse implements SnapshotView {
  @ApiProperty({ format: 'uuid', example: '0190a6f8-9fa0-7b1c-8d2e-3f4a5b6c7d8e' })
  snapshotId!: string;

  @ApiProperty({ format: 'uuid', example: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f' })
  eventId!: string;

  @ApiProperty({ format: 'date-time', example: '2025-03-01T21:00:00.000Z' })
  takenAt!: string;

  @ApiProperty({ description: 'What triggered it (today: the event closing).', example: 'closed' })
  reason!: string;

  @ApiProperty({ type: [SnapshotItemResponse] })
  items!: SnapshotItemResponse[];
}
