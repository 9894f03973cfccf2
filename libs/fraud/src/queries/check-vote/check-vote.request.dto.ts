import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIP, IsOptional, IsUUID, Matches } from 'class-validator';

export class CheckVoteRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'Whose would-be vote (organizers); the caller when absent', example: '0190a6f1-2b3c-7d4e-8f50-6a7b8c9d0e1f' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ description: 'Score it as if sent from this address (organizers); the request’s own when absent', example: '81.2.69.160', maxLength: 45 })
  @IsOptional()
  @IsIP()
  clientIp?: string;

  @ApiPropertyOptional({ description: 'The device fingerprint hash the vote would carry (as X-Device-Fingerprint)', pattern: '^[A-Za-z0-9_:.-]{8,128}$', example: 'fp_9b2c1e7d4a3f5e60' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_:.-]{8,128}$/)
  deviceFingerprint?: string;
}
