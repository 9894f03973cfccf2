import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiTenantAuth, CommandMetadata, RequestMetadata } from '@tally/platform';
import { PreferencesResult } from '../../commands/set-preferences/set-preferences.command';
import { callerOf } from '../../http/caller';
import { GetPushSettingsQuery, PushDeviceView } from './get-push-settings.query';
import { PreferencesResponse, PushDevicesResponse } from './push-settings.response.dto';

@ApiTags('notifications')
@ApiTenantAuth()
@Controller('api/notifications')
export class PushSettingsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get('devices')
  @ApiOperation({ summary: 'My devices registered for push notifications' })
  @ApiOkResponse({ type: PushDevicesResponse })
  async devices(@RequestMetadata() metadata: CommandMetadata): Promise<{ items: PushDeviceView[] }> {
    const settings = await this.queries.execute(new GetPushSettingsQuery(metadata.tenantId, callerOf(metadata)));
    return { items: settings.devices };
  }

  @Get('preferences')
  @ApiOperation({ summary: 'Which push notifications I get and which events I follow' })
  @ApiOkResponse({ type: PreferencesResponse })
  async preferences(@RequestMetadata() metadata: CommandMetadata): Promise<PreferencesResult> {
    const { muted, follows } = await this.queries.execute(new GetPushSettingsQuery(metadata.tenantId, callerOf(metadata)));
    return { muted, follows };
  }
}
