import { ApiProperty } from '@nestjs/swagger';

export class AttemptResponse {
  @ApiProperty({ format: 'uuid' }) attemptId!: string;
  @ApiProperty({ type: String, nullable: true }) userId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The client key (IPv6: its network).' }) ipAddress!: string | null;
  @ApiProperty({ example: 'POST /api/votes' }) endpoint!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) ruleId!: string | null;
  @ApiProperty({ example: 'user-votes-per-hour' }) rule!: string;
  @ApiProperty({ format: 'date-time' }) timestamp!: string;
}

export class AttemptPageResponse {
  @ApiProperty({ type: [AttemptResponse], description: 'Newest first.' }) items!: AttemptResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last.' }) nextCursor!: string | null;
}
