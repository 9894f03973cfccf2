import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth } from '@tally/platform';
import { commandMetadata } from '@tally/eventstore';
import { RequestContext, RequestCtx, Roles } from '@tally/platform';
import { TenantSettingValue } from '../../domain/tenant.events';
import { PLATFORM_SCOPE } from '../../domain/tenant.streams';
import { ChangeTenantSettingsCommand } from './change-tenant-settings.command';
import { ChangeTenantSettingsRequest } from './change-tenant-settings.request.dto';
import { TenantSettingsResponse } from './tenant-settings.response.dto';
import { TenancyError } from '../../tenancy.errors';

@ApiTags('tenants')
@ApiTenantAuth()
@Controller('api/tenants')
export class ChangeTenantSettingsHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** An organizer changes their own tenant's settings; another tenant's id answers 404. */
  @Post(':tenantId/config')
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({ summary: "Change a tenant's settings" })
  @ApiOkResponse({ type: TenantSettingsResponse })
  @ApiProblem(404, 'No such tenant, or not the caller\'s own.')
  @ApiProblem(422, 'An unknown setting, or a value out of its range.')
  @ApiProblems(400, 409)
  async change(
    @Param('tenantId', new ParseUUIDPipe()) tenantId: string,
    @Body() body: ChangeTenantSettingsRequest,
    @RequestCtx() ctx: RequestContext,
  ): Promise<{ tenantId: string; settings: Readonly<Record<string, TenantSettingValue>> }> {
    const isPlatformAdmin = ctx.actor?.roles.includes('platform_admin') ?? false;
    if (!isPlatformAdmin && ctx.tenant?.id !== tenantId) throw new TenancyError('TENANCY.TENANT_NOT_FOUND', `No tenant ${tenantId}`);
    const metadata = commandMetadata({ tenantId: PLATFORM_SCOPE, actorId: ctx.actor?.userId ?? null, clientIp: ctx.clientIp, correlationId: ctx.requestId });
    const settings = await this.commands.execute(new ChangeTenantSettingsCommand(tenantId, body.settings, metadata));
    return { tenantId, settings };
  }
}
