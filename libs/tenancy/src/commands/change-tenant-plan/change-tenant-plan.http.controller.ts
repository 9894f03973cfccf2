import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { commandMetadata } from '@tally/eventstore';
import { ApiProblem, ApiProblems, ApiTenantAuth, RequestContext, RequestCtx, Roles } from '@tally/platform';
import { PLATFORM_SCOPE } from '../../domain/tenant.streams';
import { ChangeTenantPlanCommand } from './change-tenant-plan.command';
import { ChangeTenantPlanRequest, TenantPlanResponse } from './change-tenant-plan.request.dto';

@ApiTags('tenants')
@ApiTenantAuth()
@Controller('api/tenants')
export class ChangeTenantPlanHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':tenantId/plan')
  @HttpCode(200)
  @Roles('platform_admin')
  @ApiOperation({ summary: "Change a tenant's plan (platform admin)", description: 'The plan sets the limits in GET /api/tenants/{tenantId}/usage.' })
  @ApiOkResponse({ type: TenantPlanResponse })
  @ApiProblem(404, 'No such tenant.')
  @ApiProblems(400, 422)
  change(@Param('tenantId', new ParseUUIDPipe()) tenantId: string, @Body() body: ChangeTenantPlanRequest, @RequestCtx() ctx: RequestContext): Promise<TenantPlanResponse> {
    const metadata = commandMetadata({ tenantId: PLATFORM_SCOPE, actorId: ctx.actor?.userId ?? null, clientIp: ctx.clientIp, correlationId: ctx.requestId });
    return this.commands.execute(new ChangeTenantPlanCommand(tenantId, body.planType, metadata));
  }
}
