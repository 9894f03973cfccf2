import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { commandMetadata } from '@tally/eventstore';
import { ApiProblem, ApiProblems, ApiTenantAuth, RequestContext, RequestCtx, Roles } from '@tally/platform';
import { PLATFORM_SCOPE } from '../../domain/tenant.streams';
import { ChangeTenantStatusCommand } from './change-tenant-status.command';
import { ChangeTenantStatusRequest, TenantStatusResponse } from './change-tenant-status.request.dto';

@ApiTags('tenants')
@ApiTenantAuth()
@Controller('api/tenants')
export class ChangeTenantStatusHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':tenantId/status')
  @HttpCode(200)
  @Roles('platform_admin')
  @ApiOperation({ summary: 'Suspend a tenant or make it active again (platform admin)', description: "A suspended tenant's writes are refused with 403 tenant-suspended; its reads still work." })
  @ApiOkResponse({ type: TenantStatusResponse })
  @ApiProblem(404, 'No such tenant.')
  @ApiProblem(409, 'The tenant already has this status.')
  @ApiProblems(400, 422)
  change(@Param('tenantId', new ParseUUIDPipe()) tenantId: string, @Body() body: ChangeTenantStatusRequest, @RequestCtx() ctx: RequestContext): Promise<TenantStatusResponse> {
    const metadata = commandMetadata({ tenantId: PLATFORM_SCOPE, actorId: ctx.actor?.userId ?? null, clientIp: ctx.clientIp, correlationId: ctx.requestId });
    return this.commands.execute(new ChangeTenantStatusCommand(tenantId, body.status, body.reason ?? null, metadata));
  }
}
