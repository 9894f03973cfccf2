import { Controller, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { commandMetadata } from '@tally/eventstore';
import { ApiProblem, ApiProblems, ApiTenantAuth, RequestContext, RequestCtx, Roles, uuidv7 } from '@tally/platform';
import type { FastifyRequest } from 'fastify';
import { BrandingAssetStore } from '../../branding-assets/branding-asset-store';
import { LOGO_CONTENT_TYPES, sniffLogo } from '../../branding-assets/logo-image';
import { PLATFORM_SCOPE } from '../../domain/tenant.streams';
import { TenancyError } from '../../tenancy.errors';
import { UploadLogoCommand } from './upload-logo.command';
import { LogoUploadedResponse } from './upload-logo.response.dto';

@ApiTags('tenants')
@ApiTenantAuth()
@Controller('api/tenants')
export class UploadLogoHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly assets: BrandingAssetStore,
  ) {}

  /** An organizer uploads their tenant's logo: stored by content hash, served by the API, submitted for moderation as branding. */
  @Post(':tenantId/branding/logo')
  @HttpCode(202)
  @Roles('organizer')
  @ApiOperation({ summary: "Upload a tenant's logo (PNG, WebP or SVG; the body is the image) and submit it for moderation" })
  @ApiConsumes('image/png', 'image/webp', 'image/svg+xml', 'application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiAcceptedResponse({ type: LogoUploadedResponse })
  @ApiProblem(404, "No such tenant, or not the caller's own.")
  @ApiProblem(413, 'Larger than BRANDING_LOGO_MAX_BYTES.')
  @ApiProblem(422, 'Not a PNG, WebP or SVG image (unsupported-logo), or an SVG with scripts, event handlers or external references (unsafe-svg).')
  @ApiProblems(400)
  async upload(@Param('tenantId', new ParseUUIDPipe()) tenantId: string, @Req() request: FastifyRequest, @RequestCtx() ctx: RequestContext): Promise<LogoUploadedResponse> {
    const isPlatformAdmin = ctx.actor?.roles.includes('platform_admin') ?? false;
    if (!isPlatformAdmin && ctx.tenant?.id !== tenantId) throw new TenancyError('TENANCY.TENANT_NOT_FOUND', `No tenant ${tenantId}`);
    const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const sniffed = sniffLogo(bytes);
    if ('refused' in sniffed) {
      const code = sniffed.refused === 'unsafe-svg' ? 'TENANCY.UNSAFE_SVG' : 'TENANCY.UNSUPPORTED_LOGO';
      throw new TenancyError(code, sniffed.reason, { errors: [{ field: 'logo', message: sniffed.reason }] });
    }
    const { url } = await this.assets.store(tenantId, bytes, sniffed.format);
    const metadata = commandMetadata({ tenantId: PLATFORM_SCOPE, actorId: ctx.actor?.userId ?? null, clientIp: ctx.clientIp, correlationId: ctx.requestId });
    const { submissionId } = await this.commands.execute(new UploadLogoCommand(tenantId, uuidv7(), url, metadata));
    return { submissionId, status: 'pending', logoUrl: url, contentType: LOGO_CONTENT_TYPES[sniffed.format], bytes: bytes.length };
  }
}
