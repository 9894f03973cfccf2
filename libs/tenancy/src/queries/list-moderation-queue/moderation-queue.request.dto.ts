import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageRequest } from '@tally/platform';
import { IsIn, IsOptional, IsUUID } from 'class-validator';

export const MODERATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const MODERATION_KINDS = ['tenant_branding', 'contestant_content', 'contestant_name'] as const;

export class ModerationQueueRequest extends PageRequest {
  /** The itemId of the previous page's last item (items are UUIDv7, newest first). */
  @ApiPropertyOptional({ format: 'uuid', description: 'The nextCursor of the previous page.' })
  @IsOptional()
  @IsUUID()
  declare cursor?: string;

  @ApiPropertyOptional({ enum: MODERATION_STATUSES })
  @IsOptional()
  @IsIn(MODERATION_STATUSES)
  status?: (typeof MODERATION_STATUSES)[number];

  @ApiPropertyOptional({ enum: MODERATION_KINDS })
  @IsOptional()
  @IsIn(MODERATION_KINDS)
  kind?: (typeof MODERATION_KINDS)[number];

  @ApiPropertyOptional({ format: 'uuid', description: 'Platform admins: one tenant. Anyone else: their own only (another answers 404).' })
  @IsOptional()
  @IsUUID()
  tenantId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The contestant (contestant_content, contestant_name) or tenant (tenant_branding) the items are about.' })
  @IsOptional()
  @IsUUID()
  subjectId?: string;
}
