import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadsProjections } from '@tally/eventstore';
import { ApiProblem, ApiProblems, ApiTenantAuth, TenantId } from '@tally/platform';
import { SUBSCRIPTIONS_PROJECTION } from '../../projections/subscriptions/subscriptions.projection';
import { SubscriptionsError } from '../../subscriptions.errors';
import { PLAN_VIEW_EXAMPLE, PlanPageQueryDto, PlanPageResponse, PlanResponse } from './plan.response.dto';
import { PlanRowSql, PlanView, planViewOf } from './plan.view';

const COLUMNS = 'plan_id, name, daily_quota, monthly_cost, currency, overage, features, version, retired';

/** The tenant's pricing plans, from the `pricing_plans` read model (any signed-in user: voters choose from them). */
@ApiTags('subscriptions')
@ApiTenantAuth()
@Controller('api/subscriptions/plans')
export class PlansHttpController {
  constructor(private readonly orm: MikroORM) {}

  @Get()
  @ReadsProjections(SUBSCRIPTIONS_PROJECTION)
  @ApiOperation({ summary: 'The pricing plans of the tenant, oldest first (retired ones included, marked)' })
  @ApiOkResponse({ type: PlanPageResponse, example: { items: [PLAN_VIEW_EXAMPLE], nextCursor: null } })
  @ApiProblems(400, 422)
  async list(@Query() query: PlanPageQueryDto, @TenantId() tenantId: string): Promise<{ items: PlanView[]; nextCursor: string | null }> {
    const limit = query.limit ?? 20;
    const rows = await this.read<PlanRowSql>(`select ${COLUMNS} from pricing_plans where tenant_id = ? and (?::uuid is null or plan_id > ?::uuid) order by plan_id limit ?`, [
      tenantId,
      query.cursor ?? null,
      query.cursor ?? null,
      limit + 1,
    ]);
    const items = rows.slice(0, limit).map(planViewOf);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].planId : null };
  }

  @Get(':planId')
  @ReadsProjections(SUBSCRIPTIONS_PROJECTION)
  @ApiOperation({ summary: 'One pricing plan' })
  @ApiOkResponse({ type: PlanResponse, example: PLAN_VIEW_EXAMPLE })
  @ApiProblem(404, 'No such plan.')
  @ApiProblems(400)
  async one(@Param('planId', ParseUUIDPipe) planId: string, @TenantId() tenantId: string): Promise<PlanView> {
    const [row] = await this.read<PlanRowSql>(`select ${COLUMNS} from pricing_plans where tenant_id = ? and plan_id = ?`, [tenantId, planId]);
    if (!row) throw new SubscriptionsError('SUBSCRIPTIONS.PLAN_NOT_FOUND', 'No such pricing plan');
    return planViewOf(row);
  }

  private read<Row>(sql: string, params: unknown[]): Promise<Row[]> {
    return this.orm.em.getConnection('read').execute<Row[]>(sql, params);
  }
}
