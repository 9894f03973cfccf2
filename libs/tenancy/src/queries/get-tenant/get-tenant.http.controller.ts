import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth } from '@tally/platform';
import { RequestContext, RequestCtx, Roles } from '@tally/platform';
import { TenantDirectory } from '../../tenant-directory';
import { TenantResponse } from './tenant.response.dto';
import { TenantView } from './tenant.view';
import { TenancyError } from '../../tenancy.errors';

@ApiTags('tenants')
@ApiTenantAuth()
@Controller('api/tenants')
export class GetTenantHttpController {
  constructor(private readonly directory: TenantDirectory) {}

  /** An organizer sees their own tenant; another tenant's id answers 404 like an unknown one. */
  @Get(':tenantId')
  @Roles('organizer', 'auditor')
  @ApiOperation({ summary: 'A tenant and its settings' })
  @ApiOkResponse({ type: TenantResponse })
  @ApiProblem(404, 'No such tenant, or not the caller\'s own.')
  @ApiProblems(400)
  async get(@Param('tenantId', new ParseUUIDPipe()) tenantId: string, @RequestCtx() ctx: RequestContext): Promise<TenantView> {
    const isPlatformAdmin = ctx.actor?.roles.includes('platform_admin') ?? false;
    const state = isPlatformAdmin || ctx.tenant?.id === tenantId ? await this.directory.state(tenantId) : null;
    if (!state) throw new TenancyError('TENANCY.TENANT_NOT_FOUND', `No tenant ${tenantId}`);
    return {
      tenantId,
      name: state.name,
      slug: state.slug,
      domain: state.domain,
      status: state.status,
      planType: state.planType,
      createdAt: state.createdAt,
      settings: state.settings,
      branding: state.branding,
    };
  }
}
