import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, MaxLength } from 'class-validator';

export class SignUpRequest {
  @ApiProperty({ example: 'ada@example.com' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: 8, maxLength: 64, description: '8 to 64 characters; common breached passwords are refused.' })
  // Length is checked by characters in the handler (422 naming the field); this only bounds the body.
  @IsString()
  @MaxLength(1024)
  password!: string;

  @ApiPropertyOptional({ example: '+14155552671', description: 'E.164; verified later with an SMS code.' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  phone?: string;
}
