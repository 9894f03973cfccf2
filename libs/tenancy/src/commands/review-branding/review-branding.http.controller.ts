import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { commandMetadata } from '@tally/eventstore';
import { ApiProblem, ApiProblems, ApiTenantAuth, RequestContext, RequestCtx, Roles } from '@tally/platform';
import { PLATFORM_SCOPE } from '../../domain/tenant.streams';
import { ReviewBrandingCommand } from './review-branding.command';
import { BrandingReviewedResponse, ReviewBrandingRequest } from './review-branding.request.dto';

@ApiTags('moderation')
@ApiTenantAuth()
@Controller('api/tenants')
export class ReviewBrandingHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':tenantId/branding/:submissionId/review')
  @HttpCode(200)
  @Roles('platform_admin')
  @ApiOperation({ summary: 'Approve or reject a branding submission (platform moderators)', description: 'Approved branding becomes the tenant\'s; a rejected one is dropped with its reason.' })
  @ApiOkResponse({ type: BrandingReviewedResponse })
  @ApiProblem(404, 'No such tenant, or no such submission waiting.')
  @ApiProblems(400, 422)
  review(
    @Param('tenantId', new ParseUUIDPipe()) tenantId: string,
    @Param('submissionId', new ParseUUIDPipe()) submissionId: string,
    @Body() body: ReviewBrandingRequest,
    @RequestCtx() ctx: RequestContext,
  ): Promise<BrandingReviewedResponse> {
    const metadata = commandMetadata({ tenantId: PLATFORM_SCOPE, actorId: ctx.actor?.userId ?? null, clientIp: ctx.clientIp, correlationId: ctx.requestId });
    const decision = body.decision === 'approve' ? ({ approve: true } as const) : ({ approve: false, reason: body.reason ?? '' } as const);
    return this.commands.execute(new ReviewBrandingCommand(tenantId, submissionId, decision, metadata));
  }
}
