import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { Nullable } from '@tally/platform';

/** Shapes only; the rules (https, hex colours) are the domain's (domain/tenant-branding.ts), answered as 422 naming the field. */
export class SubmitBrandingRequest {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2048, description: 'https only.', example: 'https://cdn.gala.example/logo.png' })
  @IsOptional()
  @Nullable()
  @IsString()
  @Length(1, 2048)
  logoUrl?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, pattern: '^#[0-9a-fA-F]{6}$', example: '#1a2b3c' })
  @IsOptional()
  @Nullable()
  @IsString()
  @Length(1, 7)
  primaryColor?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, pattern: '^#[0-9a-fA-F]{6}$', example: '#ffffff' })
  @IsOptional()
  @Nullable()
  @IsString()
  @Length(1, 7)
  secondaryColor?: string | null;
}

export class BrandingSubmittedResponse {
  @ApiProperty({ format: 'uuid' }) submissionId!: string;
  @ApiProperty({ enum: ['pending'], description: 'Shown once a moderator approves it.' }) status!: 'pending';
}
