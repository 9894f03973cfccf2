import { ApiProperty } from '@nestjs/swagger';
import type { Page } from './votes.queries';
import { VoteResponse } from './vote.response.dto';

export class VotePageResponse implements Page<VoteResponse> {
  @ApiProperty({ type: [VoteResponse], description: 'Newest first.' })
  items!: VoteResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last one.', example: '0190a6f6-7d8e-7f90-8a1b-2c3d4e5f6a7b' })
  nextCursor!: string | null;
}
