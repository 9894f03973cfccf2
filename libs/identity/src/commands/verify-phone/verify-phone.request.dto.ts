import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

export class VerifyPhoneRequest {
  @ApiProperty({ maxLength: 32, description: 'E.164.', example: '+14155552671' })
  @IsString()
  @MaxLength(32)
  phone!: string;

  @ApiProperty({ pattern: '^\\d{6}$', example: '123456' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  code!: string;
}
