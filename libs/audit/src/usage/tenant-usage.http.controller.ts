import { Controller, Get, Inject, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, Clock, CLOCK, PG_POOL, RequestContext, RequestCtx, Roles } from '@tally/platform';
import { planLimits, TenantDirectory } from '@tally/tenancy';
import { Pool } from 'pg';
import { AuditError, invalidInput } from '../audit.errors';
import { tenantScope } from '../queries/tenant-scope';
import { TenantUsageRequest, TenantUsageResponse } from './tenant-usage.dto';

const DAY_MS = 24 * 3600 * 1000;

interface UsageRow {
  date: string;
  vote_count: number;
  voter_count: number;
  payment_count: number;
  refund_count: number;
  contests_created: number;
  api_requests: number;
  votes_cast: number;
  votes_paid: number;
  votes_free: number;
  votes_quota: number;
  votes_refunded: number;
  votes_voided: number;
  votes_rejected: number;
  /** jsonb: { currency: minor units }; sums stay below 2^53 for any real day's volume. */
  payment_volume: Record<string, number>;
  refunded_volume: Record<string, number>;
}

@ApiTags('tenants')
@ApiTenantAuth()
@Controller('api/tenants')
export class TenantUsageHttpController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly directory: TenantDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':tenantId/usage')
  @Roles('organizer', 'auditor')
  @ApiOperation({ summary: "A tenant's daily usage against its plan's limits" })
  @ApiOkResponse({ type: TenantUsageResponse })
  @ApiProblem(404, "No such tenant, or not the caller's own.")
  @ApiProblems(400, 422)
  async usage(@Param('tenantId', new ParseUUIDPipe()) tenantId: string, @Query() query: TenantUsageRequest, @RequestCtx() ctx: RequestContext): Promise<TenantUsageResponse> {
    tenantScope(ctx, tenantId);
    const tenant = await this.directory.state(tenantId);
    if (!tenant) throw new AuditError('AUDIT.TENANT_NOT_FOUND', `No tenant ${tenantId}`);
    const to = query.to ?? this.clock.now().toISOString().slice(0, 10);
    const from = query.from ?? new Date(Date.parse(to) - 30 * DAY_MS).toISOString().slice(0, 10);
    if (Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to))) throw invalidInput('from', 'from and to must be real dates');
    if (from > to) throw invalidInput('from', 'from must not be after to');
    const limits = planLimits(tenant.planType);
    const { rows } = await this.pool.query<UsageRow>(
      `select to_char(date, 'YYYY-MM-DD') as date, vote_count, voter_count, payment_count, refund_count, contests_created, api_requests,
              votes_cast, votes_paid, votes_free, votes_quota, votes_refunded, votes_voided, votes_rejected, payment_volume, refunded_volume
         from tenant_usage where tenant_id = $1 and date between $2::date and $3::date order by date`,
      [tenantId, from, to],
    );
    return {
      tenantId,
      planType: tenant.planType,
      limits,
      days: rows.map((row) => ({
        date: row.date,
        voteCount: row.vote_count,
        voterCount: row.voter_count,
        paymentCount: row.payment_count,
        refundCount: row.refund_count,
        contestsCreated: row.contests_created,
        apiRequests: row.api_requests,
        overVoteLimit: limits.votesPerDay !== null && row.vote_count > limits.votesPerDay,
        votesCast: row.votes_cast,
        votesPaid: row.votes_paid,
        votesFree: row.votes_free,
        votesQuota: row.votes_quota,
        votesRefunded: row.votes_refunded,
        votesVoided: row.votes_voided,
        votesRejected: row.votes_rejected,
        paymentVolume: row.payment_volume,
        refundedVolume: row.refunded_volume,
      })),
    };
  }
}
