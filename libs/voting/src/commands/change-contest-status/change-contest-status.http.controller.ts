import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequestContext, RequestCtx, Roles } from '@tally/platform';
import { metadataOf } from '../../http/request-metadata';
import { ChangeContestStatusCommand, ChangeContestStatusResult } from './change-contest-status.command';
import { ChangeContestStatusRequest } from './change-contest-status.request.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin/events')
export class ChangeContestStatusHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('status')
  @HttpCode(200)
  @Roles('organizer')
  change(@Body() body: ChangeContestStatusRequest, @RequestCtx() ctx: RequestContext): Promise<ChangeContestStatusResult> {
    return this.commands.execute(new ChangeContestStatusCommand({ contestId: body.eventId, to: body.status }, metadataOf(ctx)));
  }
}
