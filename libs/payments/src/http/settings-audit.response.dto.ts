import { ApiProperty, ApiSchema, SchemaObject } from '@nestjs/swagger';
import type { SettingsAuditEntry } from '../settings/payment-settings.service';
import type { SettingsChange } from '../settings/provider-settings';

const FLAG_OR_HINT: { oneOf: SchemaObject[]; nullable: true } = { oneOf: [{ type: 'string' }, { type: 'boolean' }], nullable: true };

@ApiSchema({ name: 'SettingsChange' })
export class SettingsChangeResponse implements SettingsChange {
  @ApiProperty({ example: 'providers.stripe.secretKey' })
  field!: string;

  @ApiProperty({ ...FLAG_OR_HINT, description: 'Flag or masked hint before.', example: null })
  from!: string | boolean | null;

  @ApiProperty({ ...FLAG_OR_HINT, description: 'Flag or masked hint after.', example: 'sk_test_…4242' })
  to!: string | boolean | null;
}

@ApiSchema({ name: 'SettingsAuditEntry' })
export class SettingsAuditEntryResponse implements SettingsAuditEntry {
  @ApiProperty({ format: 'uuid', example: '0190a6fd-e4f5-7a6b-8c7d-8e9f0a1b2c3d' })
  auditId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '0190a6f1-2b3c-7d4e-8f50-6a7b8c9d0e1f' })
  actorId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '5f0c2b9e-3a41-4d7e-9b8a-1c2d3e4f5a6b' })
  requestId!: string | null;

  @ApiProperty({ type: [SettingsChangeResponse] })
  changes!: SettingsChangeResponse[];

  @ApiProperty({ format: 'date-time', example: '2025-02-20T10:00:00.000Z' })
  changedAt!: string;
}

export class SettingsAuditPageResponse {
  @ApiProperty({ type: [SettingsAuditEntryResponse], description: 'Newest first.' })
  items!: SettingsAuditEntryResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last one.', example: null })
  nextCursor!: string | null;
}
