import { Body, Controller, HttpCode, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestMetadata, Roles } from '@tally/platform';
import { EventIdPath } from '../../http/phase.param';
import { ConfigureBlendCommand, ConfigureBlendResult } from './configure-blend.command';
import { ConfigureBlendRequest } from './configure-blend.request.dto';
import { ConfigureBlendResponse } from './configure-blend.response.dto';

@ApiTags('scoring')
@ApiTenantAuth()
@Controller('api/scoring/events')
export class ConfigureBlendHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Put(':eventId/blend')
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({ summary: 'Set the published blend of jury and public vote (default 50/50)' })
  @ApiOkResponse({ type: ConfigureBlendResponse })
  @ApiProblem(404, 'No such event.')
  @ApiProblem(409, 'The scores are revealed (the blend is fixed) or final.')
  @ApiProblem(422, 'A weight is negative or both are 0, naming the field.')
  @ApiProblems(400)
  configure(@EventIdPath() eventId: string, @Body() body: ConfigureBlendRequest, @RequestMetadata() metadata: CommandMetadata): Promise<ConfigureBlendResult> {
    return this.commands.execute(new ConfigureBlendCommand({ contestId: eventId, ...body }, metadata));
  }
}
