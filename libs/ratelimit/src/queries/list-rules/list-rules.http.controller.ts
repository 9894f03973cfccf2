import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiTenantAuth, Roles, TenantId } from '@tally/platform';
import { RateLimitRuleListResponse } from './rate-limit-rule.response.dto';
import { RulesReader } from './rules.reader';

@ApiTags('ratelimit')
@ApiTenantAuth()
@Controller('api/ratelimit/rules')
export class ListRulesHttpController {
  constructor(private readonly rules: RulesReader) {}

  @Get()
  @Roles('organizer')
  @ApiOperation({ summary: 'The rate limit rules in force in this tenant', description: 'The platform rules, then the tenant\'s own, disabled ones included. A short list (one row per rule), so it comes whole.' })
  @ApiOkResponse({ type: RateLimitRuleListResponse })
  async list(@TenantId() tenantId: string): Promise<RateLimitRuleListResponse> {
    return { items: await this.rules.list(tenantId) };
  }
}
