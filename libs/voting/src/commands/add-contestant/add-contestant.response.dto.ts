import { ApiProperty } from '@nestjs/swagger';
import type { AddContestantResult } from './add-contestant.command';

export class AddContestantResponse implements AddContestantResult {
  @ApiProperty({ format: 'uuid', example: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f60' })
  contestantId!: string;

  @ApiProperty({ description: 'The slug sent, or one made from what the public sees at the add: the name, or "contestant-<n>" where the tenant pre-moderates names.', example: 'amara-okafor' })
  slug!: string;
}
