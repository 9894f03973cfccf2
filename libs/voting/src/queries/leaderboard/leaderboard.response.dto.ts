import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { LeaderboardItem, LeaderboardView } from './leaderboard.reader';

@ApiSchema({ name: 'LeaderboardItem' })
export class LeaderboardItemResponse implements LeaderboardItem {
  @ApiProperty({ minimum: 1, description: 'Standard competition ranking: ties share a rank, the next rank skips.', example: 1 })
  rank!: number;

  @ApiProperty({ format: 'uuid', example: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f60' })
  contestantId!: string;

  @ApiProperty({ example: 'Amara Okafor' })
  name!: string;

  @ApiProperty({ minimum: 0, example: 1520 })
  votes!: number;

  @ApiProperty({ description: 'Places gained (+) or lost (−) since the last recalculation; 0 when there was none.', example: 2 })
  change!: number;
}

export class LeaderboardResponse implements LeaderboardView {
  @ApiProperty({ format: 'uuid', example: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f' })
  eventId!: string;

  @ApiProperty({ format: 'date-time', description: 'When these counts were read.', example: '2025-03-01T20:15:00.120Z' })
  asOf!: string;

  @ApiProperty({ type: [LeaderboardItemResponse] })
  items!: LeaderboardItemResponse[];
}
