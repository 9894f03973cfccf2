import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { tenantScope } from '@tally/audit';
import { RevenueReader } from '@tally/payments';
import { ApiProblem, ApiTenantAuth, RequestContext, RequestCtx, Roles } from '@tally/platform';
import { VoteStatsReader } from '@tally/voting';
import { AnalyticsRequest, AnalyticsResponse } from './analytics.dto';

@ApiTags('admin')
@ApiTenantAuth()
@Controller('api/admin/analytics')
export class AnalyticsHttpController {
  constructor(
    private readonly votes: VoteStatsReader,
    private readonly revenue: RevenueReader,
  ) {}

  @Get()
  @Roles('organizer', 'auditor')
  @ApiOperation({ summary: 'Votes over time, per contest and per channel, and revenue, in a range' })
  @ApiOkResponse({ type: AnalyticsResponse })
  @ApiProblem(404, 'tenantId names another tenant (not a platform admin).')
  @ApiProblem(422, 'A bad filter.')
  async analytics(@Query() query: AnalyticsRequest, @RequestCtx() ctx: RequestContext): Promise<AnalyticsResponse> {
    const tenantId = tenantScope(ctx, query.tenantId);
    const bucket = query.bucket ?? 'day';
    const [overTime, perContest, perChannel, revenue] = await Promise.all([
      this.votes.breakdown(tenantId, bucket, query.from, query.to, query.contestId),
      this.votes.topContests(tenantId, 100, query.from, query.to),
      this.votes.breakdown(tenantId, 'channel', query.from, query.to, query.contestId),
      this.revenue.revenue(tenantId, query.from, query.to),
    ]);
    return { tenantId, bucket, overTime, perContest, perChannel, revenue };
  }
}
