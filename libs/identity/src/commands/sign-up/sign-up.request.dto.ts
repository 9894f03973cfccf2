import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class SignUpRequest {
  @ApiProperty({ format: 'email', maxLength: 254, example: 'ada@example.com' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: 8, maxLength: 64, description: '8 to 64 characters; common breached passwords are refused.', example: 'correct horse battery staple' })
  // Length is checked by characters in the handler (422 naming the field); this only bounds the body.
  @IsString()
  @MaxLength(1024)
  password!: string;

  @ApiPropertyOptional({ maxLength: 32, example: '+14155552671', description: 'E.164; verified later with an SMS code.' })
  @IsOptional()
  @IsString()
  // An empty phone is not "no phone": leave the field out instead.
  @MinLength(1, { message: 'phone must not be empty (leave it out instead)' })
  @MaxLength(32)
  phone?: string;
}
