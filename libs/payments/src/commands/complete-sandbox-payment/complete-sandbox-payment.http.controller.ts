import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, CommandMetadata, RequestMetadata } from '@tally/platform';
import { PaymentsError } from '../../payments.errors';
import { sandboxCardOf, sandboxOutcomeOf } from '../../providers/sandbox/sandbox-cards';
import { CompleteSandboxPaymentCommand, CompleteSandboxPaymentResult } from './complete-sandbox-payment.command';
import { CompleteSandboxPaymentRequest } from './complete-sandbox-payment.request.dto';
import { CompleteSandboxPaymentResponse } from './complete-sandbox-payment.response.dto';

@ApiTags('payments')
@ApiTenantAuth()
@Controller('api/payments/sandbox')
export class CompleteSandboxPaymentHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':paymentId/complete')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Pay a sandbox checkout with a test card (embedded mode; no money moves)',
    description:
      'The sandbox sends a signed Stripe-style webhook to POST /api/payments/webhook/sandbox, which credits the votes exactly as a real payment. ' +
      '4242… and 4000 0566 5566 5556 succeed, 4000 0000 0000 0002 is declined, 4000 0000 0000 9995 lacks funds, 4000 0025 0000 3155 requires authentication (the payment stays pending; pay again).',
  })
  @ApiParam({ name: 'paymentId', format: 'uuid', description: 'The paymentId the checkout returned.' })
  @ApiBody({ type: CompleteSandboxPaymentRequest, examples: { pay: { summary: 'Pay', value: { card: '4242424242424242' } }, decline: { summary: 'Declined', value: { card: '4000000000000002' } } } })
  @ApiOkResponse({ type: CompleteSandboxPaymentResponse })
  @ApiProblem(404, 'No sandbox payment of yours with this id.')
  @ApiProblem(409, 'The payment is already paid, refunded or disputed.')
  @ApiProblem(422, 'Not a test card, or a card that contradicts the outcome named.')
  @ApiProblems(400)
  complete(@Param('paymentId') paymentId: string, @Body() body: CompleteSandboxPaymentRequest, @RequestMetadata() metadata: CommandMetadata): Promise<CompleteSandboxPaymentResult> {
    // Only the payer may pay; with no caller there is no payment of theirs to find.
    if (!metadata.actorId) throw new PaymentsError('PAYMENTS.PAYMENT_NOT_FOUND', 'Payment not found', { paymentId });
    return this.commands.execute(new CompleteSandboxPaymentCommand({ paymentId, outcome: sandboxOutcomeOf(body), card: sandboxCardOf(body) }, metadata));
  }
}
