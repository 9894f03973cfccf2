import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestMetadata, Roles } from '@tally/platform';
import { ContentReviewResult, ReviewContestantContentCommand } from './review-contestant-content.command';
import { ContentReviewResponse, ReviewContestantContentRequest } from './review-contestant-content.request.dto';

@ApiTags('moderation')
@ApiTenantAuth()
@Controller('api/events')
export class ReviewContestantContentHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':eventId/contestants/:contestantId/content/:submissionId/review')
  @HttpCode(200)
  // The tenant's moderators, and platform admins (who pass every role check) in any tenant.
  @Roles('moderator')
  @ApiOperation({
    summary: 'Approve or reject a contestant content or name submission (moderators, platform admins)',
    description:
      'Approved content or name becomes what the public sees; a rejected one is dropped with its reason and what the public saw before stays. The name a contestant was added with is reviewed under its contestant id as submissionId.',
  })
  @ApiOkResponse({ type: ContentReviewResponse })
  @ApiProblem(404, 'No such submission waiting for review in this tenant.')
  @ApiProblems(400, 422)
  review(
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('contestantId', ParseUUIDPipe) contestantId: string,
    @Param('submissionId', ParseUUIDPipe) submissionId: string,
    @Body() body: ReviewContestantContentRequest,
    @RequestMetadata() metadata: CommandMetadata,
  ): Promise<ContentReviewResult> {
    const decision = body.decision === 'approve' ? ({ approve: true } as const) : ({ approve: false, reason: body.reason ?? '' } as const);
    return this.commands.execute(new ReviewContestantContentCommand({ contestId: eventId, contestantId, submissionId }, decision, metadata));
  }
}
