import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { OTP_CHANNELS, OTP_PURPOSES, OtpChannel, OtpPurpose } from '../../domain/otp.events';

export class RequestOtpRequest {
  @ApiProperty({ enum: OTP_CHANNELS })
  @IsIn(OTP_CHANNELS as OtpChannel[])
  channel!: OtpChannel;

  @ApiProperty({ enum: OTP_PURPOSES })
  @IsIn(OTP_PURPOSES as OtpPurpose[])
  purpose!: OtpPurpose;

  @ApiPropertyOptional({ example: '+14155552671', description: 'E.164; required for the sms channel.' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  phone?: string;

  @ApiPropertyOptional({ example: 'ada@example.com', description: 'Required for the email channel.' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email?: string;
}
