import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { commandMetadata } from '@tally/eventstore';
import { ApiProblem, ApiProblems, ApiTenantAuth, RequestContext, RequestCtx, Roles, uuidv7 } from '@tally/platform';
import { PLATFORM_SCOPE } from '../../domain/tenant.streams';
import { TenancyError } from '../../tenancy.errors';
import { SubmitBrandingCommand } from './submit-branding.command';
import { BrandingSubmittedResponse, SubmitBrandingRequest } from './submit-branding.request.dto';

@ApiTags('tenants')
@ApiTenantAuth()
@Controller('api/tenants')
export class SubmitBrandingHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** An organizer submits their tenant's branding; it goes to the moderation queue. Another tenant's id answers 404. */
  @Post(':tenantId/branding')
  @HttpCode(202)
  @Roles('organizer')
  @ApiOperation({ summary: "Submit a tenant's branding (logo, colours) for moderation" })
  @ApiAcceptedResponse({ type: BrandingSubmittedResponse })
  @ApiProblem(404, "No such tenant, or not the caller's own.")
  @ApiProblem(422, 'logoUrl not https, or a colour not #rrggbb.')
  @ApiProblems(400)
  async submit(@Param('tenantId', new ParseUUIDPipe()) tenantId: string, @Body() body: SubmitBrandingRequest, @RequestCtx() ctx: RequestContext): Promise<BrandingSubmittedResponse> {
    const isPlatformAdmin = ctx.actor?.roles.includes('platform_admin') ?? false;
    if (!isPlatformAdmin && ctx.tenant?.id !== tenantId) throw new TenancyError('TENANCY.TENANT_NOT_FOUND', `No tenant ${tenantId}`);
    const metadata = commandMetadata({ tenantId: PLATFORM_SCOPE, actorId: ctx.actor?.userId ?? null, clientIp: ctx.clientIp, correlationId: ctx.requestId });
    const branding = { logoUrl: body.logoUrl ?? null, primaryColor: body.primaryColor ?? null, secondaryColor: body.secondaryColor ?? null };
    const { submissionId } = await this.commands.execute(new SubmitBrandingCommand(tenantId, uuidv7(), branding, metadata));
    return { submissionId, status: 'pending' };
  }
}
