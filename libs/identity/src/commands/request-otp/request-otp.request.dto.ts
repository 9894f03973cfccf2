import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, MinLength, MaxLength } from 'class-validator';
import { OTP_CHANNELS, OTP_PURPOSES, OtpChannel, OtpPurpose } from '../../domain/otp.events';

export class RequestOtpRequest {
  @ApiProperty({ enum: OTP_CHANNELS, example: 'sms' })
  @IsIn(OTP_CHANNELS as OtpChannel[])
  channel!: OtpChannel;

  @ApiProperty({ enum: OTP_PURPOSES, description: 'phone_verify needs a bearer token.', example: 'phone_verify' })
  @IsIn(OTP_PURPOSES as OtpPurpose[])
  purpose!: OtpPurpose;

  @ApiPropertyOptional({ maxLength: 32, example: '+14155552671', description: 'E.164; required for the sms channel.' })
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'phone must not be empty (leave it out instead)' })
  @MaxLength(32)
  phone?: string;

  @ApiPropertyOptional({ format: 'email', maxLength: 254, example: 'ada@example.com', description: 'Required for the email channel.' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email?: string;
}
