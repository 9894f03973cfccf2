import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestContext, RequestCtx, RequestMetadata } from '@tally/platform';
import { PaymentsError } from '../../payments.errors';
import { sandboxChargeOutcomeOf } from '../../providers/sandbox/sandbox-subscription';
import { BillSandboxRenewalCommand, BillSandboxRenewalResult } from './bill-sandbox-renewal.command';
import { BillSandboxRenewalRequest } from './bill-sandbox-renewal.request.dto';
import { BillSandboxRenewalResponse } from './bill-sandbox-renewal.response.dto';

@ApiTags('payments')
@ApiTenantAuth()
@Controller('api/payments/sandbox/subscriptions')
export class BillSandboxRenewalHttpController {
  constructor(private readonly commands: CommandBus) {}

  // Not `…Id`: that name is reserved for UUIDs (the global validation), and the sandbox's ids are Stripe-like.
  @Post(':subscription/renewal')
  @HttpCode(200)
  @ApiOperation({
    summary: "Settle or fail a sandbox subscription's renewal (embedded mode; no money moves)",
    description:
      'The billing sandbox attempts the invoice still open (a failed renewal, or an unpaid first invoice) with the card given (none: the card on file, which pays). ' +
      'With none open, a settle pays the renewal once its period has ended (before that: 409, nothing to settle), and a failing card bills the next period now and fails it. ' +
      'It sends what Stripe would (invoice.paid or invoice.payment_failed, and customer.subscription.updated when the status changes), ' +
      'signed as Stripe signs, to the billing webhook route. For the subscriber and the tenant\'s organizers; refused where the sandbox is off (production).',
  })
  @ApiParam({ name: 'subscription', description: "The sandbox's subscription id: the subscription's providerSubscriptionId.", example: 'sub_sandbox_5f1c0a9e2b7d4c3e8a6f1b2d' })
  @ApiBody({ type: BillSandboxRenewalRequest, examples: { settle: { summary: 'Settle', value: {} }, fail: { summary: 'Fail (declined card)', value: { card: '4000000000000002' } } } })
  @ApiOkResponse({ type: BillSandboxRenewalResponse })
  @ApiProblem(404, 'No sandbox subscription of yours (or of your tenant, for organizers) with this id, or the sandbox is off.')
  @ApiProblem(409, 'Nothing to settle yet (paid through the period\'s end), or the subscription is canceled or ends at its period\'s end.')
  @ApiProblem(422, 'Not a test card, a card that contradicts the outcome, or a card that asks for authentication.')
  @ApiProblems(400)
  renew(@Param('subscription') subscriptionId: string, @Body() body: BillSandboxRenewalRequest, @RequestCtx() ctx: RequestContext, @RequestMetadata() metadata: CommandMetadata): Promise<BillSandboxRenewalResult> {
    if (!ctx.actor) throw new PaymentsError('PAYMENTS.SANDBOX_SUBSCRIPTION_NOT_FOUND', 'No sandbox subscription of yours', { subscriptionId: subscriptionId.slice(0, 100) });
    return this.commands.execute(new BillSandboxRenewalCommand({ subscriptionId, outcome: sandboxChargeOutcomeOf(body), actor: ctx.actor }, metadata));
  }
}
