import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestMetadata } from '@tally/platform';
import { callerOf } from '../../http/caller';
import { PushAddress } from '../../domain/push.events';
import { SubscribeDeviceCommand, SubscribeDeviceResult } from './subscribe-device.command';
import { SubscribeDeviceRequest } from './subscribe-device.request.dto';
import { SubscribeDeviceResponse } from './subscribe-device.response.dto';

@ApiTags('notifications')
@ApiTenantAuth()
@Controller('api/notifications/devices')
export class SubscribeDeviceHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Register one of my devices for push notifications', description: 'Subscribing the same endpoint or token again is idempotent (same deviceId).' })
  @ApiCreatedResponse({ type: SubscribeDeviceResponse })
  @ApiProblem(409, 'The voter has as many devices as allowed (PUSH_MAX_DEVICES_PER_USER).')
  @ApiProblem(422, 'The endpoint is not an https URL at a push service, the keys are malformed, FCM is not configured, or a field failed validation.')
  @ApiProblems(400)
  subscribe(@Body() body: SubscribeDeviceRequest, @RequestMetadata() metadata: CommandMetadata): Promise<SubscribeDeviceResult> {
    const address: PushAddress =
      body.transport === 'fcm' ? { transport: 'fcm', token: body.token ?? '' } : { transport: 'webpush', endpoint: body.endpoint ?? '', p256dh: body.keys?.p256dh ?? '', auth: body.keys?.auth ?? '' };
    return this.commands.execute(new SubscribeDeviceCommand({ userId: callerOf(metadata), address, label: body.label ?? null }, metadata));
  }
}
