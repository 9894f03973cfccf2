import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';

export class CreateSubscriptionRequest {
  @ApiProperty({ format: 'uuid', example: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f61' })
  @IsUUID()
  planId!: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 64, description: 'IANA time zone of the subscriber: the daily quota resets at its local midnight. Defaults to the zone stored for the user, else SUBSCRIPTIONS_DEFAULT_TIME_ZONE.', example: 'Pacific/Auckland' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  timeZone?: string;
}
