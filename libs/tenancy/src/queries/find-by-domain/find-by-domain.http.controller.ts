import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiProblem, CdnCached, Public, surrogateKeys } from '@tally/platform';
import { TenantDirectory } from '../../tenant-directory';
import { TenancyError } from '../../tenancy.errors';
import { BrandingResponse } from '../get-tenant/tenant.response.dto';

export class TenantByDomainResponse {
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ example: 'gala' }) slug!: string;
  @ApiProperty({ example: 'Gala Awards Ltd' }) name!: string;
  @ApiProperty({ enum: ['active', 'suspended'] }) status!: string;
  @ApiProperty({ type: BrandingResponse, nullable: true, description: 'The approved branding, if any.' }) branding!: BrandingResponse | null;
}

const HOST = /^[a-z0-9.-]{1,253}$/;

@ApiTags('tenants')
@Controller('api/tenants/by-domain')
export class FindTenantByDomainHttpController {
  constructor(private readonly directory: TenantDirectory) {}

  /** What a white-label front end needs to start: which tenant a host name belongs to, and its branding. */
  @Get(':domain')
  @Public({ tenant: false })
  // Branding changes rarely: long in caches, purged by key when it does.
  @CdnCached({
    scope: 'public',
    maxAge: 300,
    sMaxAge: 3600,
    staleWhileRevalidate: 86_400,
    surrogateKeys: ({ body }) => {
      const tenantId = (body as { tenantId?: string } | null)?.tenantId;
      return tenantId ? [surrogateKeys.tenant(tenantId), surrogateKeys.branding(tenantId)] : [];
    },
  })
  @ApiOperation({ summary: 'The tenant a host name is mapped to (tenant domain lookup)' })
  @ApiOkResponse({ type: TenantByDomainResponse })
  @ApiProblem(404, 'No tenant has this host name.')
  async find(@Param('domain') domain: string): Promise<TenantByDomainResponse> {
    const host = domain.toLowerCase();
    const found = HOST.test(host) ? await this.directory.findByHost(host) : null;
    const state = found ? await this.directory.state(found.id) : null;
    if (!found || !state) throw new TenancyError('TENANCY.TENANT_NOT_FOUND', `No tenant has the host name "${domain.slice(0, 64)}"`);
    return { tenantId: found.id, slug: state.slug, name: state.name, status: state.status, branding: state.branding };
  }
}
