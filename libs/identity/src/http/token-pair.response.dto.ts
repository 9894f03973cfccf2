import { ApiProperty } from '@nestjs/swagger';
import type { TokenPair } from '../auth/session-tokens';

/** What login, refresh and an OTP login answer. */
export class TokenPairResponse implements TokenPair {
  @ApiProperty({ description: 'JWT for `Authorization: Bearer`; bound to the tenant it was issued in.', example: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIwMTkwYTZmMiJ9.c2lnbmF0dXJl' })
  accessToken!: string;

  @ApiProperty({ description: 'Single use: refreshing spends it, and reusing a spent one revokes the whole session.', example: 'rt.0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f.0190a6f2-4d5e-7f60-8a1b-2c3d4e5f6a7b.kq3V9xYb2Lm' })
  refreshToken!: string;

  @ApiProperty({ description: 'Seconds until the access token expires.', minimum: 1, example: 900 })
  expiresIn!: number;
}
