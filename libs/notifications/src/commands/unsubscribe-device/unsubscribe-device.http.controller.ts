import { Controller, Delete, HttpCode, Param, ParseUUIDPipe } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNoContentResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestMetadata } from '@tally/platform';
import { callerOf } from '../../http/caller';
import { UnsubscribeDeviceCommand } from './unsubscribe-device.command';

@ApiTags('notifications')
@ApiTenantAuth()
@Controller('api/notifications/devices')
export class UnsubscribeDeviceHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':deviceId')
  @HttpCode(204)
  @ApiParam({ name: 'deviceId', format: 'uuid', description: 'As the subscription answered it' })
  @ApiOperation({ summary: 'Stop push notifications to one of my devices' })
  @ApiNoContentResponse({ description: 'Removed; nothing more is sent to it.' })
  @ApiProblem(404, 'No such device of yours.')
  @ApiProblems(400)
  async unsubscribe(@Param('deviceId', new ParseUUIDPipe()) deviceId: string, @RequestMetadata() metadata: CommandMetadata): Promise<void> {
    await this.commands.execute(new UnsubscribeDeviceCommand({ userId: callerOf(metadata), deviceId, reason: 'user' }, metadata));
  }
}
