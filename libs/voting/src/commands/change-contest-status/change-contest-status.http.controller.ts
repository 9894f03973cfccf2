import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestMetadata, Roles } from '@tally/platform';
import { ChangeContestStatusCommand, ChangeContestStatusResult } from './change-contest-status.command';
import { ChangeContestStatusRequest } from './change-contest-status.request.dto';
import { ChangeContestStatusResponse } from './change-contest-status.response.dto';

@ApiTags('admin')
@ApiTenantAuth()
@Controller('api/admin/events')
export class ChangeContestStatusHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('status')
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({ summary: "Move an event through its lifecycle", description: 'draft → scheduled → open → closed → finalized, or cancelled.' })
  @ApiOkResponse({ type: ChangeContestStatusResponse })
  @ApiProblem(404, 'No such event.')
  @ApiProblem(409, 'That move is not allowed from the current status.')
  @ApiProblems(400, 422)
  change(@Body() body: ChangeContestStatusRequest, @RequestMetadata() metadata: CommandMetadata): Promise<ChangeContestStatusResult> {
    return this.commands.execute(new ChangeContestStatusCommand({ contestId: body.eventId, to: body.status }, metadata));
  }
}
