import { Body, Controller, HttpCode, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestMetadata } from '@tally/platform';
import { callerOf } from '../../http/caller';
import { PreferencesResult, SetPreferencesCommand } from './set-preferences.command';
import { SetPreferencesRequest } from './set-preferences.request.dto';
import { PreferencesResponse } from './set-preferences.response.dto';

@ApiTags('notifications')
@ApiTenantAuth()
@Controller('api/notifications/preferences')
export class SetPreferencesHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Put()
  @HttpCode(200)
  @ApiOperation({ summary: 'Choose which push notifications I get and which events I follow' })
  @ApiOkResponse({ type: PreferencesResponse })
  @ApiProblem(422, 'An unknown kind, a follow that is not a UUID, too many follows, or a field failed validation.')
  @ApiProblems(400)
  set(@Body() body: SetPreferencesRequest, @RequestMetadata() metadata: CommandMetadata): Promise<PreferencesResult> {
    return this.commands.execute(new SetPreferencesCommand({ userId: callerOf(metadata), muted: body.muted, follows: body.follows }, metadata));
  }
}
