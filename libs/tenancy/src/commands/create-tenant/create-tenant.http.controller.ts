import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth } from '@tally/platform';
import { commandMetadata } from '@tally/eventstore';
import { RequestContext, RequestCtx, ResolvedTenant, Roles, uuidv7 } from '@tally/platform';
import { CreateTenantCommand } from './create-tenant.command';
import { CreateTenantRequest } from './create-tenant.request.dto';
import { CreateTenantResponse } from './create-tenant.response.dto';
import { PLATFORM_SCOPE } from '../../domain/tenant.streams';

@ApiTags('tenants')
@ApiTenantAuth()
@Controller('api/tenants')
export class CreateTenantHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('platform_admin')
  @ApiOperation({ summary: 'Create a tenant (platform admin)' })
  @ApiCreatedResponse({ type: CreateTenantResponse })
  @ApiProblem(409, 'The slug or the domain is already taken.')
  @ApiProblems(400, 422)
  async create(@Body() body: CreateTenantRequest, @RequestCtx() ctx: RequestContext): Promise<{ tenantId: string; slug: string }> {
    const metadata = commandMetadata({ tenantId: PLATFORM_SCOPE, actorId: ctx.actor?.userId ?? null, clientIp: ctx.clientIp, correlationId: ctx.requestId });
    const tenant: ResolvedTenant = await this.commands.execute(
      new CreateTenantCommand(uuidv7(), body.name, body.slug, body.domain?.toLowerCase() ?? null, body.planType ?? 'free', metadata),
    );
    return { tenantId: tenant.id, slug: tenant.slug };
  }
}
