import { ApiProperty } from '@nestjs/swagger';
import { TenantSettingValue } from '../../domain/tenant.events';

export class TenantSettingsResponse {
  @ApiProperty({ format: 'uuid', example: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f' })
  tenantId!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
    description: 'Every setting the tenant overrides, after the change.',
    example: { otpTtlSeconds: 300, displayName: 'Gala Awards' },
  })
  settings!: Readonly<Record<string, TenantSettingValue>>;
}
