import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class RefreshSessionRequest {
  @ApiProperty({ maxLength: 200, description: 'The refreshToken of the last pair; it is spent by this call.', example: 'rt.0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f.0190a6f2-4d5e-7f60-8a1b-2c3d4e5f6a7b.kq3V9xYb2Lm' })
  @IsString()
  @MaxLength(200)
  refreshToken!: string;
}
