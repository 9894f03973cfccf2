import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, deterministicUuid, RequestContext, RequestCtx, RequestMetadata, Roles, uuidv7 } from '@tally/platform';
import { CREDIT_OPERATIONS } from '../../domain/credit-operation-ids';
import { GrantCreditsCommand, GrantCreditsResult } from './grant-credits.command';
import { GrantCreditsRequest } from './grant-credits.request.dto';
import { GrantCreditsResponse } from './grant-credits.response.dto';

/** Organizers hand out vote credits (promotions, corrections); payments grant theirs in-process. */
@ApiTags('admin')
@ApiTenantAuth()
@Controller('api/admin/credits')
export class GrantCreditsHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('grant')
  @HttpCode(201)
  @Roles('organizer')
  @ApiOperation({ summary: 'Grant vote credits to a voter' })
  @ApiCreatedResponse({ type: GrantCreditsResponse })
  @ApiProblem(404, 'No such user in this tenant.')
  @ApiProblems(400, 409, 422)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retries with the same key grant once' })
  grant(
    @Body() body: GrantCreditsRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @RequestCtx() ctx: RequestContext, @RequestMetadata() metadata: CommandMetadata,
  ): Promise<GrantCreditsResult> {
    const grantId = idempotencyKey ? deterministicUuid(CREDIT_OPERATIONS, `admin:${metadata.tenantId}:${body.userId}`, idempotencyKey) : uuidv7();
    const source = { kind: 'admin' as const, ref: `${ctx.actor?.userId ?? 'system'}: ${body.reason}` };
    return this.commands.execute(new GrantCreditsCommand({ userId: body.userId, credits: body.credits, grantId, source }, metadata));
  }
}
