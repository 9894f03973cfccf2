import { ApiProperty } from '@nestjs/swagger';

/** Answer of an OTP of purpose password_reset: the token POST /api/auth/password/reset completes with. */
export class ResetTokenResponse {
  @ApiProperty({ description: 'Send it with newPassword to POST /api/auth/password/reset.', example: 'pr.0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f.Xb2Lmkq3V9y' })
  resetToken!: string;
}
