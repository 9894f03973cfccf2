import { Body, Controller, Param, ParseUUIDPipe, Patch } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequestContext, RequestCtx, Roles } from '@tally/platform';
import { metadataOf } from '../../http/request-metadata';
import { EditContestCommand } from './edit-contest.command';
import { EditContestRequest } from './edit-contest.request.dto';

@ApiTags('events')
@ApiBearerAuth()
@Controller('api/events')
export class EditContestHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Patch(':eventId')
  @Roles('organizer')
  edit(@Param('eventId', ParseUUIDPipe) eventId: string, @Body() body: EditContestRequest, @RequestCtx() ctx: RequestContext): Promise<{ eventId: string }> {
    const defined = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)) as EditContestRequest;
    if (defined.settings) defined.settings = Object.fromEntries(Object.entries(defined.settings).filter(([, v]) => v !== undefined));
    return this.commands.execute(new EditContestCommand({ contestId: eventId, ...defined }, metadataOf(ctx)));
  }
}
