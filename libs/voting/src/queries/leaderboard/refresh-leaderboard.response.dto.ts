import { ApiProperty } from '@nestjs/swagger';

export class RefreshLeaderboardResponse {
  @ApiProperty({ format: 'uuid', example: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f' })
  eventId!: string;

  @ApiProperty({ enum: ['accepted'], example: 'accepted' })
  status!: 'accepted';
}
