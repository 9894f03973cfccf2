import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestContext, RequestCtx, RequestMetadata, Roles } from '@tally/platform';
import { isPlatformAdmin } from '../../http/caller-roles';
import { RateLimitRuleResponse } from '../../queries/list-rules/rate-limit-rule.response.dto';
import { SetRuleCommand } from './set-rule.command';
import { SetRuleRequest } from './set-rule.request.dto';

@ApiTags('ratelimit')
@ApiTenantAuth()
@Controller('api/ratelimit/rules')
export class SetRuleHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({
    summary: 'Create or change a rate limit rule',
    description:
      'Platform rules (level `platform`, platform admins) apply in every tenant; tenant rules (organizers, for their own tenant) add limits in that tenant only and cannot loosen a platform rule (every matching rule applies). Every API process applies the change within RATE_LIMIT_RULES_REFRESH_MS of the projection, without a restart. Retrying is safe: a rule is found by its id, else by its name.',
  })
  @ApiBody({ type: SetRuleRequest, examples: { votes: { summary: 'At most 600 votes per user per hour in this tenant', value: { name: 'tenant-votes-per-hour', scope: 'user', method: 'POST', route: '/api/votes', limit: 600, windowSeconds: 3600 } } } })
  @ApiOkResponse({ type: RateLimitRuleResponse, description: 'The rule as it now stands.' })
  @ApiProblem(403, 'Only platform admins set platform rules.')
  @ApiProblem(404, 'No rule with that id at this level.')
  @ApiProblem(422, 'A field failed validation, or another rule of this level has the name.')
  @ApiProblems(400)
  async set(@Body() body: SetRuleRequest, @RequestCtx() ctx: RequestContext, @RequestMetadata() metadata: CommandMetadata): Promise<RateLimitRuleResponse> {
    const { rule, level, tenantId } = await this.commands.execute(
      new SetRuleCommand(
        { ruleId: body.ruleId, level: body.level ?? 'tenant', name: body.name, scope: body.scope, method: body.method, route: body.route, limit: body.limit, windowSeconds: body.windowSeconds, enabled: body.enabled ?? true },
        { platformAdmin: isPlatformAdmin(ctx) },
        metadata,
      ),
    );
    return { ...rule, level, tenantId };
  }
}
