import { ApiProperty } from '@nestjs/swagger';
import { LedgerEntryResponse } from './ledger-entry.response.dto';
import type { Page } from './votes.queries';

export class LedgerPageResponse implements Page<LedgerEntryResponse> {
  @ApiProperty({ type: [LedgerEntryResponse], description: 'Newest first.' })
  items!: LedgerEntryResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last one.', example: '2025-03-01T20:15:00.000Z|0190a6f7-8e9f-7a0b-9c1d-2e3f4a5b6c7d' })
  nextCursor!: string | null;
}
