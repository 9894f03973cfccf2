import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestContext, RequestCtx, RequestMetadata, Roles } from '@tally/platform';
import { isReviewer } from '../../moderation/moderation-access';
import { ContentSubmissionResult, SubmitContestantContentCommand } from './submit-contestant-content.command';
import { ContentSubmissionResponse, SubmitContestantContentRequest } from './submit-contestant-content.request.dto';

@ApiTags('moderation')
@ApiTenantAuth()
@Controller('api/events')
export class SubmitContestantContentHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':eventId/contestants/:contestantId/content')
  @HttpCode(202)
  @Roles('organizer')
  @ApiOperation({ summary: 'Submit a contestant\'s bio and media URLs for moderation', description: 'Checked at once (https-only media, lengths, the tenant\'s bannedTerms); the public sees it only once a moderator approves. A moderator\'s or platform admin\'s own submission is approved at once.' })
  @ApiAcceptedResponse({ type: ContentSubmissionResponse })
  @ApiProblem(404, 'No such event or contestant.')
  @ApiProblem(422, 'A field failed the checks; `field` names it.')
  @ApiProblems(400)
  submit(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('contestantId', ParseUUIDPipe) contestantId: string,
    @Body() body: SubmitContestantContentRequest,
    @RequestCtx() ctx: RequestContext,
    @RequestMetadata() metadata: CommandMetadata,
  ): Promise<ContentSubmissionResult> {
    return this.commands.execute(new SubmitContestantContentCommand(eventId, contestantId, { bio: body.bio ?? null, mediaUrls: body.mediaUrls ?? [] }, isReviewer(ctx.actor), metadata));
  }
}
