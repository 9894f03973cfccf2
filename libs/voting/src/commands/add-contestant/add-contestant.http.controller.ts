import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequestContext, RequestCtx, Roles } from '@tally/platform';
import { metadataOf } from '../../http/request-metadata';
import { AddContestantCommand, AddContestantResult } from './add-contestant.command';
import { AddContestantRequest } from './add-contestant.request.dto';

@ApiTags('events')
@ApiBearerAuth()
@Controller('api/events')
export class AddContestantHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':eventId/contestants')
  @HttpCode(201)
  @Roles('organizer')
  add(@Param('eventId', ParseUUIDPipe) eventId: string, @Body() body: AddContestantRequest, @RequestCtx() ctx: RequestContext): Promise<AddContestantResult> {
    return this.commands.execute(new AddContestantCommand({ contestId: eventId, name: body.name, slug: body.slug, categoryId: body.categoryId }, metadataOf(ctx)));
  }
}
