import { ApiProperty } from '@nestjs/swagger';

export class AuditLogResponse {
  @ApiProperty({ format: 'uuid', description: 'The id of the event it records.' }) logId!: string;
  @ApiProperty({ description: 'The event\'s place in the log.' }) position!: string;
  @ApiProperty() tenantId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Who did it (null: the system, e.g. a scheduled job).' }) userId!: string | null;
  @ApiProperty({ example: 'ContestStatusChanged' }) action!: string;
  @ApiProperty({ example: 'contest-0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f.0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e80' }) resource!: string;
  @ApiProperty({ format: 'date-time' }) timestamp!: string;
  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description: 'For settings and configuration: `{ before, after }` (before is null when it was created).',
    example: { before: { status: 'draft' }, after: { status: 'open' } },
  })
  changes!: { before: Record<string, unknown> | null; after: Record<string, unknown> } | null;
  @ApiProperty({ type: String, nullable: true, description: 'The client\'s network (IPv4 /24, IPv6 /48), never its address.', example: '203.0.113.0/24' }) ipNetwork!: string | null;
}

export class AuditLogPageResponse {
  @ApiProperty({ type: [AuditLogResponse], description: 'Newest first.' }) items!: AuditLogResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last.' }) nextCursor!: string | null;
}
