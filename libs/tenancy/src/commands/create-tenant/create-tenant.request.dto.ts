import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsFQDN, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';

export class CreateTenantRequest {
  @ApiProperty({ minLength: 2, maxLength: 120, example: 'Gala Awards Ltd' })
  @IsString()
  @Length(2, 120)
  name!: string;

  @ApiProperty({ example: 'gala', pattern: '^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$', maxLength: 40, description: 'Lower-case letters, digits and dashes; used in X-Tenant-Id.' })
  @Matches(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, { message: 'slug must be 1-40 lower-case letters, digits or inner dashes' })
  slug!: string;

  @ApiPropertyOptional({ format: 'hostname', description: 'A host name that selects this tenant without X-Tenant-Id.', example: 'vote.gala.example' })
  @IsOptional()
  @IsFQDN({ require_tld: false }, { message: 'domain must be a host name' })
  // IsFQDN lets through non-ASCII (bidi controls, zero-width spaces): host names travel as ASCII (punycode).
  @Matches(/^[A-Za-z0-9.-]{1,253}$/, { message: 'domain must be an ASCII host name (punycode for international names), at most 253 characters' })
  domain?: string;

  @ApiPropertyOptional({ enum: ['free', 'pro', 'enterprise'], default: 'free', example: 'pro' })
  @IsOptional()
  @IsIn(['free', 'pro', 'enterprise'])
  planType?: string;
}
