import { ApiProperty } from '@nestjs/swagger';
import type { CreateContestResult } from './create-contest.command';

export class CreateContestResponse implements CreateContestResult {
  @ApiProperty({ format: 'uuid', example: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f' })
  eventId!: string;

  @ApiProperty({ enum: ['draft'], description: 'A new event starts as a draft.', example: 'draft' })
  status!: 'draft';
}
