import { Body, Controller, Param, ParseUUIDPipe, Patch } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestMetadata, Roles } from '@tally/platform';
import { EditContestCommand } from './edit-contest.command';
import { EditContestRequest } from './edit-contest.request.dto';
import { EditContestResponse } from './edit-contest.response.dto';

@ApiTags('events')
@ApiTenantAuth()
@Controller('api/events')
export class EditContestHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Patch(':eventId')
  @Roles('organizer')
  @ApiOperation({ summary: 'Change an event (only the fields sent)' })
  @ApiOkResponse({ type: EditContestResponse })
  @ApiProblem(404, 'No such event.')
  @ApiProblem(409, 'The event can no longer be changed this way (e.g. dates of an open event).')
  @ApiProblems(400, 422)
  edit(@Param('eventId', ParseUUIDPipe) eventId: string, @Body() body: EditContestRequest, @RequestMetadata() metadata: CommandMetadata): Promise<{ eventId: string }> {
    const defined = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)) as EditContestRequest;
    if (defined.settings) defined.settings = Object.fromEntries(Object.entries(defined.settings).filter(([, v]) => v !== undefined));
    return this.commands.execute(new EditContestCommand({ contestId: eventId, ...defined }, metadata));
  }
}
