import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';

/** Either `{ email }` (start) or `{ token, newPassword }` (complete). */
export class ResetPasswordRequest {
  @ApiPropertyOptional({ format: 'email', maxLength: 254, description: 'Starts a reset.', example: 'ada@example.com' })
  @ValidateIf((body: ResetPasswordRequest) => body.token === undefined)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'The token from the reset email (or from verifying a password_reset code); completes a reset with newPassword.', example: 'pr.0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f.Xb2Lmkq3V9y' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  token?: string;

  @ApiPropertyOptional({ minLength: 8, maxLength: 64, description: 'Required with token; 8 to 64 characters, common breached passwords are refused.', example: 'a new long passphrase' })
  @ValidateIf((body: ResetPasswordRequest) => body.token !== undefined)
  @IsString({ message: 'newPassword is required with a token' })
  @MaxLength(1024)
  newPassword?: string;
}
