import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, RequestContext, RequestCtx, TenantId } from '@tally/platform';
import { actorOf } from '../../http/subscription-access';
import { GetSubscriptionQuery } from './get-subscription.query';
import { SUBSCRIPTION_EXAMPLE, SubscriptionResponse } from './subscription.response.dto';
import { SubscriptionView } from './subscription.view';

@ApiTags('subscriptions')
@ApiTenantAuth()
@Controller('api/subscriptions')
export class GetSubscriptionHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':subscriptionId')
  @ApiOperation({ summary: 'A subscription: plan, status, paid period (its subscriber, organizers, auditors)' })
  @ApiOkResponse({ type: SubscriptionResponse, example: SUBSCRIPTION_EXAMPLE })
  @ApiProblem(404, 'No such subscription (or not the caller\'s).')
  @ApiProblems(400)
  get(@Param('subscriptionId', ParseUUIDPipe) subscriptionId: string, @TenantId() tenantId: string, @RequestCtx() ctx: RequestContext): Promise<SubscriptionView> {
    return this.queries.execute(new GetSubscriptionQuery(tenantId, subscriptionId, actorOf(ctx)));
  }
}
