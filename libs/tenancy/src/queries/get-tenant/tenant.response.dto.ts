import { ApiProperty } from '@nestjs/swagger';
import type { TenantView } from './tenant.view';

export class BrandingResponse {
  @ApiProperty({ type: String, nullable: true, example: 'https://cdn.gala.example/logo.png' }) logoUrl!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '#1a2b3c' }) primaryColor!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '#ffffff' }) secondaryColor!: string | null;
}

export class TenantResponse implements TenantView {
  @ApiProperty({ format: 'uuid', example: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f' })
  tenantId!: string;

  @ApiProperty({ example: 'Gala Awards Ltd' })
  name!: string;

  @ApiProperty({ example: 'gala' })
  slug!: string;

  @ApiProperty({ type: String, nullable: true, description: 'Host name mapped to the tenant.', example: 'vote.gala.example' })
  domain!: string | null;

  @ApiProperty({ example: 'active' })
  status!: string;

  @ApiProperty({ enum: ['free', 'pro', 'enterprise'], example: 'free' })
  planType!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2025-03-01T09:30:00.000Z' })
  createdAt!: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
    description: 'Settings the tenant overrides.',
    example: { otpTtlSeconds: 300 },
  })
  settings!: Readonly<Record<string, string | number | boolean>>;

  @ApiProperty({ type: BrandingResponse, nullable: true, description: 'The approved branding (submissions wait in the moderation queue).' })
  branding!: BrandingResponse | null;
}
