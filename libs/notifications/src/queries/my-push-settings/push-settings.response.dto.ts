import { ApiProperty } from '@nestjs/swagger';
import { PreferencesResponse } from '../../commands/set-preferences/set-preferences.response.dto';
import { PUSH_TRANSPORTS, PushTransport } from '../../domain/push.events';
import type { PushDeviceView } from './get-push-settings.query';

export class PushDeviceResponse implements PushDeviceView {
  @ApiProperty({ format: 'uuid', example: '0190a6f6-2222-7ccc-8ddd-0123456789ab' })
  deviceId!: string;

  @ApiProperty({ enum: PUSH_TRANSPORTS, example: 'webpush' })
  transport!: PushTransport;

  @ApiProperty({ type: String, nullable: true, example: 'Firefox on my laptop' })
  label!: string | null;

  @ApiProperty({ description: "The push service's host (webpush) or the token's last six characters (fcm).", example: 'updates.push.services.mozilla.com' })
  target!: string;
}

export class PushDevicesResponse {
  @ApiProperty({ type: [PushDeviceResponse] })
  items!: PushDeviceResponse[];
}

export { PreferencesResponse };
