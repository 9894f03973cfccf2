import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestContext, RequestCtx, RequestMetadata } from '@tally/platform';
import { PlanChangeDirection } from '../../domain/subscription.events';
import { actorOf } from '../../http/subscription-access';
import { SUBSCRIPTION_EXAMPLE, SubscriptionResponse } from '../../queries/get-subscription/subscription.response.dto';
import { SubscriptionView } from '../../queries/get-subscription/subscription.view';
import { ChangePlanCommand } from './change-plan.command';
import { ChangePlanRequest } from './change-plan.request.dto';

const BODY_EXAMPLE = { planId: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f62' };
const CONFLICT = 'The subscription is not active (incomplete, past_due, suspended, cancelled or ended).';
const UNPROCESSABLE = 'A field failed validation, the plan is not an upgrade (or downgrade) of the current one, or it is priced in another currency.';

@ApiTags('subscriptions')
@ApiTenantAuth()
@Controller('api/subscriptions')
export class ChangePlanHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':subscriptionId/upgrade')
  @HttpCode(200)
  @ApiOperation({ summary: 'Upgrade the plan: the new daily quota applies today; the difference is invoiced with proration' })
  @ApiBody({ type: ChangePlanRequest, examples: { premium: { summary: 'To a bigger plan', value: BODY_EXAMPLE } } })
  @ApiOkResponse({ type: SubscriptionResponse, example: { ...SUBSCRIPTION_EXAMPLE, dailyQuota: 25, planName: 'Premium' } })
  @ApiProblem(404, 'No such subscription (or not the caller\'s), or no such plan.')
  @ApiProblem(409, CONFLICT)
  @ApiProblem(422, UNPROCESSABLE)
  @ApiProblems(400)
  upgrade(@Param('subscriptionId', ParseUUIDPipe) subscriptionId: string, @Body() body: ChangePlanRequest, @RequestCtx() ctx: RequestContext, @RequestMetadata() metadata: CommandMetadata): Promise<SubscriptionView> {
    return this.change('upgrade', subscriptionId, body, ctx, metadata);
  }

  @Post(':subscriptionId/downgrade')
  @HttpCode(200)
  @ApiOperation({ summary: 'Downgrade the plan: today keeps the votes used, left = new quota minus used' })
  @ApiBody({ type: ChangePlanRequest, examples: { basic: { summary: 'To a smaller plan', value: BODY_EXAMPLE } } })
  @ApiOkResponse({ type: SubscriptionResponse, example: { ...SUBSCRIPTION_EXAMPLE, dailyQuota: 3, planName: 'Basic' } })
  @ApiProblem(404, 'No such subscription (or not the caller\'s), or no such plan.')
  @ApiProblem(409, CONFLICT)
  @ApiProblem(422, UNPROCESSABLE)
  @ApiProblems(400)
  downgrade(@Param('subscriptionId', ParseUUIDPipe) subscriptionId: string, @Body() body: ChangePlanRequest, @RequestCtx() ctx: RequestContext, @RequestMetadata() metadata: CommandMetadata): Promise<SubscriptionView> {
    return this.change('downgrade', subscriptionId, body, ctx, metadata);
  }

  private change(direction: PlanChangeDirection, subscriptionId: string, body: ChangePlanRequest, ctx: RequestContext, metadata: CommandMetadata): Promise<SubscriptionView> {
    return this.commands.execute(new ChangePlanCommand({ subscriptionId, planId: body.planId, direction, actor: actorOf(ctx) }, metadata));
  }
}
