import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestContext, RequestCtx, RequestMetadata, Roles } from '@tally/platform';
import { isReviewer } from '../../moderation/moderation-access';
import { ContentSubmissionResult } from '../submit-contestant-content/submit-contestant-content.command';
import { ContentSubmissionResponse } from '../submit-contestant-content/submit-contestant-content.request.dto';
import { SubmitContestantNameCommand } from './submit-contestant-name.command';
import { SubmitContestantNameRequest } from './submit-contestant-name.request.dto';

@ApiTags('moderation')
@ApiTenantAuth()
@Controller('api/events')
export class SubmitContestantNameHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':eventId/contestants/:contestantId/name')
  @HttpCode(202)
  @Roles('organizer')
  @ApiOperation({
    summary: 'Rename a contestant (moderated)',
    description:
      'Checked at once (length, the tenant\'s bannedTerms). The new name is public at once and queued (status pending); a moderator\'s rejection takes it down (the public sees the last good name again). A tenant with contestantNameModeration "pre" keeps the last approved name public until a moderator approves this one. A moderator\'s or platform admin\'s own rename is approved at once.',
  })
  @ApiAcceptedResponse({ type: ContentSubmissionResponse })
  @ApiProblem(404, 'No such event or contestant.')
  @ApiProblem(422, 'The name failed the checks; `field` names it.')
  @ApiProblems(400)
  rename(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('contestantId', ParseUUIDPipe) contestantId: string,
    @Body() body: SubmitContestantNameRequest,
    @RequestCtx() ctx: RequestContext,
    @RequestMetadata() metadata: CommandMetadata,
  ): Promise<ContentSubmissionResult> {
    return this.commands.execute(new SubmitContestantNameCommand(eventId, contestantId, body.name, isReviewer(ctx.actor), metadata));
  }
}
