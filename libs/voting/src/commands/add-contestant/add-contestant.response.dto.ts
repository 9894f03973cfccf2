import { ApiProperty } from '@nestjs/swagger';
import type { AddContestantResult } from './add-contestant.command';

export class AddContestantResponse implements AddContestantResult {
  @ApiProperty({ format: 'uuid', example: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f60' })
  contestantId!: string;

  @ApiProperty({ description: 'The slug sent, or one made from what the public sees: the name when it needs no moderator, else "contestant-<n>".', example: 'amara-okafor' })
  slug!: string;
}
