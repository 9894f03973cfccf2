import { ApiProperty } from '@nestjs/swagger';

export class ScoringLeaderboardItemResponse {
  @ApiProperty({ minimum: 1, description: 'Standard competition ranking, as the vote leaderboard: ties share a rank, the next skips.', example: 1 })
  rank!: number;

  @ApiProperty({ format: 'uuid', example: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f60' })
  contestantId!: string;

  @ApiProperty({ example: 'Amara Okafor' })
  name!: string;

  @ApiProperty({ minimum: 0, example: 1520 })
  votes!: number;

  @ApiProperty({ minimum: 0, maximum: 100, example: 82.5 })
  juryScore!: number;

  @ApiProperty({ minimum: 0, maximum: 100, description: '100 · votes / the most votes in the event.', example: 100 })
  publicScore!: number;

  @ApiProperty({ minimum: 0, description: "Blended: (juryWeight · jury + publicWeight · public) / (juryWeight + publicWeight) · the category's weight. Jury ranking: the jury score.", example: 91.25 })
  score!: number;

  @ApiProperty({ description: 'Places gained (+) or lost (−) since the last recalculation.', example: 1 })
  change!: number;
}

export class ScoringBlendResponse {
  @ApiProperty({ example: 50 })
  juryWeight!: number;

  @ApiProperty({ example: 50 })
  publicWeight!: number;
}

export class ScoringLeaderboardResponse {
  @ApiProperty({ format: 'uuid', example: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f' })
  eventId!: string;

  @ApiProperty({ enum: ['blended', 'jury'], example: 'blended' })
  ranking!: string;

  @ApiProperty({ type: ScoringBlendResponse })
  blend!: ScoringBlendResponse;

  @ApiProperty({ format: 'date-time', example: '2026-03-02T20:00:00.000Z' })
  revealedAt!: string;

  @ApiProperty({ example: false })
  finalised!: boolean;

  @ApiProperty({ type: [ScoringLeaderboardItemResponse] })
  items!: ScoringLeaderboardItemResponse[];
}
