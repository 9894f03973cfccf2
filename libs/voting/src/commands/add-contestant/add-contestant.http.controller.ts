import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestContext, RequestCtx, RequestMetadata, Roles } from '@tally/platform';
import { isReviewer } from '../../moderation/moderation-access';
import { AddContestantCommand, AddContestantResult } from './add-contestant.command';
import { AddContestantRequest } from './add-contestant.request.dto';
import { AddContestantResponse } from './add-contestant.response.dto';

@ApiTags('events')
@ApiTenantAuth()
@Controller('api/events')
export class AddContestantHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':eventId/contestants')
  @HttpCode(201)
  @Roles('organizer')
  @ApiOperation({
    summary: 'Add a contestant to an event',
    description:
      'The name is public at once and queued for a moderator (POST …/contestants/{contestantId}/content/{contestantId}/review); a rejected name is taken down (the public sees "Contestant <n>", its number in the event). A tenant with contestantNameModeration "pre" shows "Contestant <n>" until a moderator approves the name. A moderator\'s or platform admin\'s own additions need no review.',
  })
  @ApiBody({ type: AddContestantRequest, examples: { singer: { summary: 'A contestant in a category', value: { name: 'Amara Okafor', slug: 'amara-okafor', categoryId: '0190a6f3-1a2b-7c3d-8e4f-5a6b7c8d9e0f' } } } })
  @ApiCreatedResponse({ type: AddContestantResponse, example: { contestantId: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f60', slug: 'amara-okafor' } })
  @ApiProblem(404, 'No such event.')
  @ApiProblem(409, 'Another contestant of this event has that slug, or the event can no longer be changed.')
  @ApiProblem(422, 'A field failed validation (a banned term in the name or slug: contestant-content-refused), or the category is not in this event.')
  @ApiProblems(400)
  add(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Body() body: AddContestantRequest,
    @RequestCtx() ctx: RequestContext,
    @RequestMetadata() metadata: CommandMetadata,
  ): Promise<AddContestantResult> {
    return this.commands.execute(new AddContestantCommand({ contestId: eventId, name: body.name, slug: body.slug, categoryId: body.categoryId, byReviewer: isReviewer(ctx.actor) }, metadata));
  }
}
