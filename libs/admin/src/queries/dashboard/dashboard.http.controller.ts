import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { tenantScope } from '@tally/audit';
import { LogQueueView } from '@tally/eventstore';
import { RevenueReader } from '@tally/payments';
import { ApiProblem, ApiTenantAuth, Clock, CLOCK, RequestContext, RequestCtx, Roles } from '@tally/platform';
import { VOTE_QUEUE, VoteStatsReader } from '@tally/voting';
import { DashboardRequest, DashboardResponse } from './dashboard.dto';

@ApiTags('admin')
@ApiTenantAuth()
@Controller('api/admin/dashboard')
export class DashboardHttpController {
  constructor(
    private readonly votes: VoteStatsReader,
    private readonly revenue: RevenueReader,
    private readonly queue: LogQueueView,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('organizer', 'auditor')
  @ApiOperation({ summary: 'The operator dashboard: live votes/s, revenue, held votes, queue depth, top contests', description: 'From the read models (votes, payments) and the vote queue; they trail the log by the projection lag.' })
  @ApiOkResponse({ type: DashboardResponse })
  @ApiProblem(404, 'tenantId names another tenant (not a platform admin).')
  @ApiProblem(422, 'A bad filter.')
  async dashboard(@Query() query: DashboardRequest, @RequestCtx() ctx: RequestContext): Promise<DashboardResponse> {
    const tenantId = tenantScope(ctx, query.tenantId);
    const windowSeconds = query.windowSeconds ?? 60;
    const now = this.clock.now();
    const [totals, revenue, depth, topContests] = await Promise.all([
      this.votes.totals(tenantId, new Date(now.getTime() - windowSeconds * 1000), now),
      this.revenue.revenue(tenantId),
      this.queue.depth(VOTE_QUEUE),
      this.votes.topContests(tenantId, 5),
    ]);
    return {
      tenantId,
      asOf: now.toISOString(),
      live: { windowSeconds, votes: totals.votesInWindow, votesPerSecond: totals.perSecond },
      revenue,
      heldVotes: { count: totals.heldVotes, votes: totals.heldAmount },
      queue: { pending: depth.pending, retrying: depth.retrying, dead: depth.dead },
      topContests,
    };
  }
}
