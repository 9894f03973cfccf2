import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestContext, RequestCtx, RequestMetadata } from '@tally/platform';
import { isTimeZone } from '../../domain/local-day';
import { SubscriptionView } from '../../queries/get-subscription/subscription.view';
import { SUBSCRIPTION_EXAMPLE, SubscriptionResponse } from '../../queries/get-subscription/subscription.response.dto';
import { actorOf } from '../../http/subscription-access';
import { SubscriptionsError } from '../../subscriptions.errors';
import { CreateSubscriptionCommand } from './create-subscription.command';
import { CreateSubscriptionRequest } from './create-subscription.request.dto';

@ApiTags('subscriptions')
@ApiTenantAuth()
@Controller('api/subscriptions')
export class CreateSubscriptionHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Subscribe the caller to a plan (billed monthly; the quota starts once the first invoice is paid)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '1–255 characters; a retry with the same key answers the same subscription.', example: 'subscribe-7f3a9c2e' })
  @ApiBody({ type: CreateSubscriptionRequest, examples: { pro: { summary: 'Pro, in Auckland', value: { planId: '0190a6f4-5b6c-7d8e-9f0a-1b2c3d4e5f61', timeZone: 'Pacific/Auckland' } } } })
  @ApiCreatedResponse({ type: SubscriptionResponse, example: SUBSCRIPTION_EXAMPLE })
  @ApiProblem(404, 'No such plan.')
  @ApiProblem(409, 'The caller already has a live subscription, or the plan is retired.')
  @ApiProblem(422, 'A field failed validation (timeZone must be an IANA name), or the Idempotency-Key was used for another subscription.')
  @ApiProblem(503, 'No billing provider is configured.')
  @ApiProblems(400)
  create(
    @Body() body: CreateSubscriptionRequest,
    @RequestCtx() ctx: RequestContext,
    @RequestMetadata() metadata: CommandMetadata,
    @Headers('idempotency-key') key?: string,
  ): Promise<SubscriptionView> {
    if (body.timeZone !== undefined && !isTimeZone(body.timeZone)) {
      throw new SubscriptionsError('SUBSCRIPTIONS.INVALID_INPUT', 'timeZone must be an IANA time zone such as Europe/London', { errors: [{ field: 'timeZone', message: 'must be an IANA time zone such as Europe/London' }] });
    }
    if (key !== undefined && (key.length < 1 || key.length > 255)) {
      throw new SubscriptionsError('SUBSCRIPTIONS.INVALID_INPUT', 'Idempotency-Key must be 1–255 characters', { errors: [{ field: 'Idempotency-Key', message: 'must be 1-255 characters' }] });
    }
    return this.commands.execute(new CreateSubscriptionCommand({ userId: actorOf(ctx).userId, planId: body.planId, timeZone: body.timeZone, idempotencyKey: key ?? null }, metadata));
  }
}
