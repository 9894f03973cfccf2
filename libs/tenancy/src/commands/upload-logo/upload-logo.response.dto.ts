import { ApiProperty } from '@nestjs/swagger';
import { LOGO_CONTENT_TYPES } from '../../branding-assets/logo-image';

export class LogoUploadedResponse {
  @ApiProperty({ format: 'uuid' }) submissionId!: string;
  @ApiProperty({ enum: ['pending'], description: 'The branding with this logo is shown once a moderator approves it.' }) status!: 'pending';
  @ApiProperty({ example: '/assets/branding/0190…/3f9a….png', description: "Where the API serves the logo (content-addressed, immutable); the submission's logoUrl." })
  logoUrl!: string;
  @ApiProperty({ enum: Object.values(LOGO_CONTENT_TYPES), description: 'What the bytes are (sniffed, whatever the request declared).' }) contentType!: string;
  @ApiProperty({ example: 5120 }) bytes!: number;
}
