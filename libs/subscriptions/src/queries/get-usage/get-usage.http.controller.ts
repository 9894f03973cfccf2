import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ReadsProjections } from '@tally/eventstore';
import { ApiProblem, ApiProblems, ApiTenantAuth, RequestContext, RequestCtx, TenantId } from '@tally/platform';
import { actorOf } from '../../http/subscription-access';
import { SUBSCRIPTION_USAGE_PROJECTION } from '../../projections/usage/subscription-usage.projection';
import { GetUsageQuery, UsageView } from './get-usage.query';
import { UsageResponse } from './usage.response.dto';

export class UsageQueryDto {
  @ApiProperty({ required: false, type: 'integer', minimum: 1, maximum: 90, default: 30, description: 'How many local days of history.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(90)
  days?: number;
}

@ApiTags('subscriptions')
@ApiTenantAuth()
@Controller('api/subscriptions')
export class GetUsageHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':subscriptionId/usage')
  @ReadsProjections(SUBSCRIPTION_USAGE_PROJECTION)
  @ApiOperation({ summary: "Today's quota use and the last days' (local days of the subscriber)" })
  @ApiOkResponse({
    type: UsageResponse,
    example: { subscriptionId: '0190a6f5-6c7d-7e8f-9a0b-1c2d3e4f5a6b', timeZone: 'Pacific/Auckland', today: { date: '2026-03-02', dailyQuota: 10, used: 7, left: 3, resetsAt: '2026-03-02T11:00:00.000Z' }, days: [{ date: '2026-03-02', votesUsed: 7, dailyQuota: 10 }] },
  })
  @ApiProblem(404, 'No such subscription (or not the caller\'s).')
  @ApiProblems(400, 422)
  usage(@Param('subscriptionId', ParseUUIDPipe) subscriptionId: string, @Query() query: UsageQueryDto, @TenantId() tenantId: string, @RequestCtx() ctx: RequestContext): Promise<UsageView> {
    return this.queries.execute(new GetUsageQuery(tenantId, subscriptionId, actorOf(ctx), query.days ?? 30));
  }
}
