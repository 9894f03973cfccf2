import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { commandMetadata } from '@tally/eventstore';
import { RequestContext, RequestCtx, ResolvedTenant, Roles, uuidv7 } from '@tally/platform';
import { CreateTenantCommand } from './create-tenant.command';
import { CreateTenantRequest } from './create-tenant.request.dto';
import { PLATFORM_SCOPE } from '../../domain/tenant.streams';

@ApiTags('tenants')
@ApiBearerAuth()
@Controller('api/tenants')
export class CreateTenantHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('platform_admin')
  async create(@Body() body: CreateTenantRequest, @RequestCtx() ctx: RequestContext): Promise<{ tenantId: string; slug: string }> {
    const metadata = commandMetadata({ tenantId: PLATFORM_SCOPE, actorId: ctx.actor?.userId ?? null, clientIp: ctx.clientIp, correlationId: ctx.requestId });
    const tenant: ResolvedTenant = await this.commands.execute(
      new CreateTenantCommand(uuidv7(), body.name, body.slug, body.domain?.toLowerCase() ?? null, body.planType ?? 'free', metadata),
    );
    return { tenantId: tenant.id, slug: tenant.slug };
  }
}
