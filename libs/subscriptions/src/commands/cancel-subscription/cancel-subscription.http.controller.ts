import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestContext, RequestCtx, RequestMetadata } from '@tally/platform';
import { actorOf } from '../../http/subscription-access';
import { SUBSCRIPTION_EXAMPLE, SubscriptionResponse } from '../../queries/get-subscription/subscription.response.dto';
import { SubscriptionView } from '../../queries/get-subscription/subscription.view';
import { CancelSubscriptionCommand } from './cancel-subscription.command';

@ApiTags('subscriptions')
@ApiTenantAuth()
@Controller('api/subscriptions')
export class CancelSubscriptionHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':subscriptionId/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel at the end of the paid period (the quota stays until endDate)' })
  @ApiOkResponse({ type: SubscriptionResponse, example: { ...SUBSCRIPTION_EXAMPLE, endDate: SUBSCRIPTION_EXAMPLE.paidThrough } })
  @ApiProblem(404, 'No such subscription (or not the caller\'s).')
  @ApiProblem(409, 'The subscription has already ended.')
  @ApiProblems(400)
  cancel(@Param('subscriptionId', ParseUUIDPipe) subscriptionId: string, @RequestCtx() ctx: RequestContext, @RequestMetadata() metadata: CommandMetadata): Promise<SubscriptionView> {
    return this.commands.execute(new CancelSubscriptionCommand(subscriptionId, actorOf(ctx), metadata));
  }
}
