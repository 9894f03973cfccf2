import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ModerationItemResponse {
  @ApiProperty({ format: 'uuid', description: 'The submission id, to approve or reject.' }) itemId!: string;
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ enum: ['tenant_branding', 'contestant_content'] }) kind!: string;
  @ApiProperty({ description: 'The tenant (branding) or contestant (content) it is about.' }) subjectId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What was submitted.' }) content!: Record<string, unknown>;
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
