import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, MinLength, Matches, MaxLength } from 'class-validator';
import { OTP_PURPOSES, OtpPurpose } from '../../domain/otp.events';

export class VerifyOtpRequest {
  @ApiProperty({ enum: OTP_PURPOSES, example: 'login' })
  @IsIn(OTP_PURPOSES as OtpPurpose[])
  purpose!: OtpPurpose;

  @ApiProperty({ pattern: '^\\d{6}$', example: '123456' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  code!: string;

  @ApiPropertyOptional({ maxLength: 32, description: 'E.164; the destination the code was sent to.', example: '+14155552671' })
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'phone must not be empty (leave it out instead)' })
  @MaxLength(32)
  phone?: string;

  @ApiPropertyOptional({ format: 'email', maxLength: 254, description: 'The destination the code was sent to.', example: 'ada@example.com' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email?: string;
}
