import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class ChangeTimeZoneRequest {
  @ApiProperty({ minLength: 1, maxLength: 64, description: 'IANA time zone of the subscriber.', example: 'America/New_York' })
  @IsString()
  @Length(1, 64)
  timeZone!: string;
}
