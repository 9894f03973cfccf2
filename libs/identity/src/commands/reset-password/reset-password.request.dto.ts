import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';

/** Either `{ email }` (start) or `{ token, newPassword }` (complete). */
export class ResetPasswordRequest {
  @ApiPropertyOptional({ example: 'ada@example.com' })
  @ValidateIf((body: ResetPasswordRequest) => body.token === undefined)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ description: 'The token from the reset email (or from verifying a password_reset code).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  token?: string;

  @ApiPropertyOptional({ minLength: 8, maxLength: 64 })
  @ValidateIf((body: ResetPasswordRequest) => body.token !== undefined)
  @IsString({ message: 'newPassword is required with a token' })
  @MaxLength(1024)
  newPassword?: string;
}
