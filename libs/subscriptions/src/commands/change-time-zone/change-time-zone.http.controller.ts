import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestContext, RequestCtx, RequestMetadata } from '@tally/platform';
import { isTimeZone } from '../../domain/local-day';
import { actorOf } from '../../http/subscription-access';
import { SUBSCRIPTION_EXAMPLE, SubscriptionResponse } from '../../queries/get-subscription/subscription.response.dto';
import { SubscriptionView } from '../../queries/get-subscription/subscription.view';
import { SubscriptionsError } from '../../subscriptions.errors';
import { ChangeTimeZoneCommand } from './change-time-zone.command';
import { ChangeTimeZoneRequest } from './change-time-zone.request.dto';

@ApiTags('subscriptions')
@ApiTenantAuth()
@Controller('api/subscriptions')
export class ChangeTimeZoneHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Put(':subscriptionId/time-zone')
  @HttpCode(200)
  @ApiOperation({
    summary: "Change the subscriber's time zone",
    description:
      "Today's quota day is never cut short: it goes on until the new zone's first midnight at or after the old day's end (todayEndsAt), then days follow the new zone. Another change is refused until then. The user's stored zone follows, for later subscriptions.",
  })
  @ApiBody({ type: ChangeTimeZoneRequest, examples: { newYork: { summary: 'Moved to New York', value: { timeZone: 'America/New_York' } } } })
  @ApiOkResponse({ type: SubscriptionResponse, example: { ...SUBSCRIPTION_EXAMPLE, timeZone: 'America/New_York' } })
  @ApiProblem(404, "No such subscription (or not the caller's).")
  @ApiProblem(409, 'The subscription has ended, or the last zone change has not taken effect yet (time-zone-change-pending).')
  @ApiProblem(422, 'timeZone is not an IANA time zone name.')
  @ApiProblems(400)
  change(@Param('subscriptionId', ParseUUIDPipe) subscriptionId: string, @Body() body: ChangeTimeZoneRequest, @RequestCtx() ctx: RequestContext, @RequestMetadata() metadata: CommandMetadata): Promise<SubscriptionView> {
    if (!isTimeZone(body.timeZone)) {
      throw new SubscriptionsError('SUBSCRIPTIONS.INVALID_INPUT', `timeZone ${JSON.stringify(body.timeZone)} is not an IANA time zone such as Europe/London`, {
        errors: [{ field: 'timeZone', message: `${JSON.stringify(body.timeZone)} is not an IANA time zone such as Europe/London` }],
      });
    }
    return this.commands.execute(new ChangeTimeZoneCommand(subscriptionId, body.timeZone, actorOf(ctx), metadata));
  }
}
