import { ApiProperty } from '@nestjs/swagger';
import { PUSH_TRANSPORTS, PushTransport } from '../../domain/push.events';
import type { SubscribeDeviceResult } from './subscribe-device.command';

export class SubscribeDeviceResponse implements SubscribeDeviceResult {
  @ApiProperty({ format: 'uuid', description: 'Derived from the endpoint or token: the same subscription gets the same id.', example: '0190a6f6-2222-7ccc-8ddd-0123456789ab' })
  deviceId!: string;

  @ApiProperty({ enum: PUSH_TRANSPORTS, example: 'webpush' })
  transport!: PushTransport;

  @ApiProperty({ type: String, nullable: true, example: 'Firefox on my laptop' })
  label!: string | null;

  @ApiProperty({ description: 'False when this subscription was already registered with the same keys and label.', example: true })
  changed!: boolean;
}
