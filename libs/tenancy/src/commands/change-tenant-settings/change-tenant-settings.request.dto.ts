import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';

export class ChangeTenantSettingsRequest {
  @ApiProperty({ example: { otpTtlSeconds: 300, displayName: 'Gala Awards' }, description: 'Known keys only; null resets one to the platform default.' })
  @IsObject()
  settings!: Record<string, unknown>;
}
