import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';

export class ChangeTenantSettingsRequest {
  @ApiProperty({
    type: 'object',
    additionalProperties: { nullable: true, oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
    example: { otpTtlSeconds: 300, displayName: 'Gala Awards' },
    description: 'Known keys only; null resets one to the platform default.',
  })
  @IsObject()
  settings!: Record<string, unknown>;
}
