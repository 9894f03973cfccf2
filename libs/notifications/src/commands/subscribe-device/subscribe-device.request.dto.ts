import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { PUSH_TRANSPORTS, PushTransport } from '../../domain/push.events';

/** The `keys` of a browser's PushSubscription (`subscription.toJSON().keys`). */
export class WebPushKeysDto {
  @ApiProperty({ description: "The browser's P-256 public key, base64url (65 bytes uncompressed)", example: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM' })
  @IsString()
  @MaxLength(100)
  p256dh!: string;

  @ApiProperty({ description: 'The 16-byte authentication secret, base64url', example: 'tBHItJI5svbpez7KI4CCXg' })
  @IsString()
  @MaxLength(30)
  auth!: string;
}

export class SubscribeDeviceRequest {
  @ApiProperty({ enum: PUSH_TRANSPORTS, example: 'webpush', description: '`webpush`: a browser PushSubscription (endpoint and keys); `fcm`: an FCM registration token.' })
  @IsIn(PUSH_TRANSPORTS)
  transport!: PushTransport;

  @ApiPropertyOptional({ description: 'webpush: the subscription endpoint (https, at a push service)', example: 'https://fcm.googleapis.com/fcm/send/dpH5lCsTSSM:APA91bH' })
  @ValidateIf((body: SubscribeDeviceRequest) => body.transport === 'webpush')
  @IsString()
  @MaxLength(2048)
  endpoint?: string;

  @ApiPropertyOptional({ type: WebPushKeysDto, description: 'webpush: the subscription keys' })
  @ValidateIf((body: SubscribeDeviceRequest) => body.transport === 'webpush')
  @IsObject()
  @ValidateNested()
  @Type(() => WebPushKeysDto)
  keys?: WebPushKeysDto;

  @ApiPropertyOptional({ description: 'fcm: the registration token of the app instance', example: 'eKx9r3QbT0e2lZ:APA91bGexampleToken0123456789' })
  @ValidateIf((body: SubscribeDeviceRequest) => body.transport === 'fcm')
  @IsString()
  @MaxLength(4096)
  token?: string;

  @ApiPropertyOptional({ description: 'A name the voter recognises the device by', example: 'Firefox on my laptop', maxLength: 80 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  label?: string;
}
