import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DomainError, RequestContext, RequestCtx, Roles } from '@tally/platform';
import { TenantDirectory } from '../../tenant-directory';

export interface TenantView {
  tenantId: string;
  name: string;
  slug: string;
  domain: string | null;
  status: string;
  planType: string;
  createdAt: string | null;
  settings: Readonly<Record<string, string | number | boolean>>;
}

@ApiTags('tenants')
@ApiBearerAuth()
@Controller('api/tenants')
export class GetTenantHttpController {
  constructor(private readonly directory: TenantDirectory) {}

  /** An organizer sees their own tenant; another tenant's id answers 404 like an unknown one. */
  @Get(':tenantId')
  @Roles('organizer', 'auditor')
  async get(@Param('tenantId', new ParseUUIDPipe()) tenantId: string, @RequestCtx() ctx: RequestContext): Promise<TenantView> {
    const isPlatformAdmin = ctx.actor?.roles.includes('platform_admin') ?? false;
    const state = isPlatformAdmin || ctx.tenant?.id === tenantId ? await this.directory.state(tenantId) : null;
    if (!state) throw new DomainError('TENANCY.TENANT_NOT_FOUND', `No tenant ${tenantId}`);
    return {
      tenantId,
      name: state.name,
      slug: state.slug,
      domain: state.domain,
      status: state.status,
      planType: state.planType,
      createdAt: state.createdAt,
      settings: state.settings,
    };
  }
}
