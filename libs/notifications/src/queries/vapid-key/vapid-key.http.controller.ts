import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiTenantAuth } from '@tally/platform';
import { NotificationsError } from '../../notifications.errors';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../../notifications.config';

export class VapidKeyResponse {
  @ApiProperty({ description: "The server's VAPID public key (base64url, uncompressed P-256): pass it as `applicationServerKey` to pushManager.subscribe().", example: 'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U' })
  publicKey!: string;
}

@ApiTags('notifications')
@ApiTenantAuth()
@Controller('api/notifications')
export class VapidKeyHttpController {
  constructor(@Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig) {}

  @Get('vapid-public-key')
  @ApiOperation({ summary: 'The key a browser subscribes with' })
  @ApiOkResponse({ type: VapidKeyResponse })
  @ApiProblem(422, 'Web Push is not configured on this server (push-transport-not-configured).')
  publicKey(): VapidKeyResponse {
    if (!this.config.vapid) throw new NotificationsError('NOTIFICATIONS.TRANSPORT_NOT_CONFIGURED', 'Web Push is not configured on this server (VAPID keys)');
    return { publicKey: this.config.vapid.publicKey };
  }
}
