import { ApiProperty } from '@nestjs/swagger';

export class AdminActionResponse {
  @ApiProperty({ format: 'uuid', description: 'The id of the event it records (also its audit_logs log_id).' }) actionId!: string;
  @ApiProperty() tenantId!: string;
  @ApiProperty({ description: 'Who.' }) adminId!: string;
  @ApiProperty({ description: 'What (the event type).', example: 'TenantSettingsChanged' }) action!: string;
  @ApiProperty({ description: 'On what (the stream id).' }) target!: string;
  @ApiProperty({ format: 'date-time', description: 'When.' }) at!: string;
}

export class AdminActionPageResponse {
  @ApiProperty({ type: [AdminActionResponse], description: 'Newest first.' }) items!: AdminActionResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last.' }) nextCursor!: string | null;
}
