import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
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

  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: 'Blended snapshots: the jury score (0–100).', example: 82.5 })
  juryScore?: number;

  @ApiPropertyOptional({ minimum: 0, description: "Blended snapshots: the blend of jury and public vote, the category's weight applied.", example: 91.25 })
  score?: number;
}

/** The leaderboard as it stood at one moment (kept for audits and the "change" column). */
export class SnapshotResponse implements SnapshotView {
  @ApiProperty({ format: 'uuid', example: '0190a6f8-9fa0-7b1c-8d2e-3f4a5b6c7d8e' })
  snapshotId!: string;

  @ApiProperty({ format: 'uuid', example: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f' })
  eventId!: string;

  @ApiProperty({ format: 'date-time', example: '2025-03-01T21:00:00.000Z' })
  takenAt!: string;

  @ApiProperty({ description: 'What triggered it: `closed` (the event closing, vote leaderboard); blended rankings: `phase-end`, `close`, `finalised`, `on-demand`.', example: 'closed' })
  reason!: string;

  @ApiPropertyOptional({ enum: ['votes', 'blended'], description: 'Which ranking: the vote leaderboard (absent or `votes`) or the blend of jury and public vote (shown once the jury scores are revealed).', example: 'blended' })
  ranking?: string;

  @ApiProperty({ type: [SnapshotItemResponse] })
  items!: SnapshotItemResponse[];
}
