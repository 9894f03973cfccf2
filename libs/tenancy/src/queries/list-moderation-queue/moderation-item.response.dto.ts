import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MODERATION_KINDS } from './moderation-queue.request.dto';

export class ModerationItemResponse {
  @ApiProperty({ format: 'uuid', description: 'The submission id, to approve or reject (for the name a contestant was added with, the contestant id).' }) itemId!: string;
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ enum: MODERATION_KINDS }) kind!: string;
  @ApiProperty({ description: 'The tenant (branding) or contestant (content, name) it is about.' }) subjectId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What was submitted. A contestant_name item also carries `moderation`: `post` (public while it waits; a rejection takes it down) or `pre` (public once approved); absent on items from before the setting.' }) content!: Record<string, unknown>;
  @ApiProperty({ enum: ['pending', 'approved', 'rejected'] }) status!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) submittedBy!: string | null;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) decidedBy!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) decidedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reason!: string | null;
}

export class ModerationQueuePageResponse {
  @ApiProperty({ type: [ModerationItemResponse] }) items!: ModerationItemResponse[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as cursor for the next page; null on the last.' }) nextCursor!: string | null;
}
