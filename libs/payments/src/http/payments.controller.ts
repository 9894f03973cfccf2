import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, RawBodyRequest, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ReadsProjections } from '@tally/eventstore';
import { Actor, CommandMetadata, Public, RequestContext, RequestCtx, RequestMetadata, Roles, TenantId } from '@tally/platform';
import { FastifyRequest } from 'fastify';
import { ApiAcceptedResponse, ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth } from '@tally/platform';
import { StartCheckoutCommand } from '../commands/start-checkout/start-checkout.command';
import { RequestRefundCommand } from '../commands/request-refund/request-refund.command';
import { PaymentProviderName } from '../domain/payment.events';
import { PaymentViews } from '../queries/payment-views';
import { deliveryAcknowledgement, WebhookInbox } from '../webhooks/webhook-inbox';
import { ReleaseCreditHoldCommand } from '../commands/release-credit-hold/release-credit-hold.command';
import { ApiWebhookBody } from './api-webhook-body.decorator';
import { CheckoutResponse } from './checkout.response.dto';
import { PaymentPageResponse } from './payment-page.response.dto';
import { CREDITS_REACTOR } from '../credits/credits-reactor';
import { PaymentDetailResponse } from './payment-detail.response.dto';
import { POSITION_EXAMPLE, POSITION_HEADER, POSITION_PATTERN } from '@tally/platform';
import { CheckoutRequestDto, HistoryQueryDto, RefundRequestDto, ReleaseHoldRequestDto, VerifyWebhookRequestDto } from './payments.dto';
import { RefundResponse } from './refund.response.dto';
import { ReleaseHoldResponse } from './release-hold.response.dto';
import { VerifyWebhookResponse } from './verify-webhook.response.dto';
import { WebhookAckResponse } from './webhook-ack.response.dto';
import { PaymentsError } from '../payments.errors';

function actorOf(context: RequestContext): Actor {
  if (!context.actor) throw new Error('Authenticated route without an actor');
  return context.actor;
}

function idempotencyKey(value: string | undefined): string | null {
  if (value === undefined) return null;
  if (value.length < 1 || value.length > 255) throw new PaymentsError('PAYMENTS.IDEMPOTENCY_MISMATCH', 'Idempotency-Key must be 1–255 characters', {});
  return value;
}

@ApiTags('payments')
@ApiTenantAuth()
@Controller('api/payments')
export class PaymentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly views: PaymentViews,
    private readonly inbox: WebhookInbox,
  ) {}

  @Post('checkout')
  @HttpCode(201)
  @ApiOperation({ summary: 'Start buying vote credits' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '1–255 characters; a retry with the same key and body answers the first result.', example: 'checkout-7f3a9c2e-1' })
  @ApiBody({ type: CheckoutRequestDto, examples: { tenVotes: { summary: 'Ten votes in USD', value: { eventId: '0190a6f2-3c4b-7d5e-9f10-2a3b4c5d6e7f', votes: 10, currency: 'USD' } } } })
  @ApiCreatedResponse({
    type: CheckoutResponse,
    description: 'Pay with the clientSecret (Stripe.js) or at the checkoutUrl; the credits arrive with the provider\'s webhook. Sandbox payments say `sandbox: true`.',
    example: {
      paymentId: '0190a6f9-a0b1-7c2d-8e3f-4a5b6c7d8e9f',
      provider: 'stripe',
      clientSecret: 'pi_3OqLx2Eq1AbCdEf_secret_Gh1JkLmN0pQ',
      amount: { amount: 1000, currency: 'USD' },
      net: { amount: 1000, currency: 'USD' },
      tax: { amount: 0, currency: 'USD' },
      votes: 10,
    },
  })
  @ApiProblem(404, 'No such event.')
  @ApiProblem(409, 'The event takes no more paid votes.')
  @ApiProblem(422, 'A field failed validation, no price or exchange rate for the currency, or the Idempotency-Key was used with another body.')
  @ApiProblem(503, 'No payment provider is configured for this tenant.')
  @ApiProblems(400)
  async checkout(@Body() body: CheckoutRequestDto, @RequestCtx() context: RequestContext, @RequestMetadata() metadata: CommandMetadata, @Headers('idempotency-key') key?: string) {
    const actor = actorOf(context);
    const result = await this.commands.execute(
      new StartCheckoutCommand(
        { voterId: actor.userId, contestId: body.eventId ?? null, votes: body.votes, currency: body.currency, provider: body.provider ?? null, country: body.country?.toUpperCase() ?? null, email: body.email ?? null, idempotencyKey: idempotencyKey(key) },
        metadata,
      ),
    );
    const secret = result.clientSecret !== null && result.checkoutUrl === null ? { clientSecret: result.clientSecret } : { checkoutUrl: result.checkoutUrl, clientSecret: result.clientSecret };
    // A sandbox payment says so in the response itself, so no client mistakes it for money.
    const sandbox = result.provider === 'sandbox' ? { sandbox: true } : {};
    return { paymentId: result.paymentId, provider: result.provider, ...sandbox, ...secret, amount: result.amount, net: result.net, tax: result.tax, votes: result.votes };
  }

  /** Stripe's webhook (Stripe-Signature over the raw body). */
  @Public({ tenant: false })
  @ApiOperation({ summary: "Receive Stripe's webhook (platform account)" })
  @ApiWebhookBody('stripe')
  @ApiOkResponse({ type: WebhookAckResponse, description: 'Recorded, or recognised as a duplicate (nothing applied twice).' })
  @ApiProblem(400, 'Missing or bad Stripe-Signature, a timestamp outside the tolerance, or no body; nothing is recorded as verified.')
  @ApiProblem(503, 'No webhook secret is configured.')
  @Post('webhook')
  @HttpCode(200)
  stripeWebhook(@Req() request: RawBodyRequest<FastifyRequest>, @RequestCtx() context: RequestContext) {
    return this.receive('stripe', request, context);
  }

  /** Paystack's webhook (x-paystack-signature, HMAC-SHA512 of the raw body). */
  @Public({ tenant: false })
  @ApiOperation({ summary: "Receive Paystack's webhook (platform account)" })
  @ApiWebhookBody('paystack')
  @ApiOkResponse({ type: WebhookAckResponse, description: 'Recorded, or recognised as a duplicate (nothing applied twice).' })
  @ApiProblem(400, 'Missing or bad x-paystack-signature, or no body; nothing is recorded as verified.')
  @ApiProblem(503, 'No Paystack key is configured.')
  @Post('webhook/paystack')
  @HttpCode(200)
  paystackWebhook(@Req() request: RawBodyRequest<FastifyRequest>, @RequestCtx() context: RequestContext) {
    return this.receive('paystack', request, context);
  }

  /**
   * The local sandbox's webhook: Stripe's signing scheme under Tally-Sandbox-Signature, with the
   * sandbox secret. 503 when the sandbox is off (no secret to check against).
   */
  @Public({ tenant: false })
  @Post('webhook/sandbox')
  @ApiWebhookBody('sandbox')
  @HttpCode(200)
  @ApiOperation({ summary: 'Receive a payment sandbox webhook (signed like Stripe with the sandbox secret)' })
  @ApiOkResponse({ type: WebhookAckResponse, description: 'Recorded (or recognised as a duplicate by its event id).' })
  @ApiProblem(400, 'Missing or bad Tally-Sandbox-Signature, or a timestamp outside the tolerance; nothing is recorded as verified.')
  @ApiProblem(503, 'The payment sandbox is off.')
  sandboxWebhook(@Req() request: RawBodyRequest<FastifyRequest>, @RequestCtx() context: RequestContext) {
    return this.receive('sandbox', request, context);
  }

  /** Support: checks a delivery's signature and shows what it means, recording nothing. */
  @Roles('organizer', 'auditor')
  @Post('verify')
  @HttpCode(200)
  @ApiOperation({ summary: "Check a webhook delivery's signature and meaning (records nothing)" })
  @ApiOkResponse({ type: VerifyWebhookResponse, description: 'valid false (with a reason) when the signature does not hold.' })
  @ApiProblem(503, 'No webhook secret is configured for that provider.')
  @ApiProblems(400, 422)
  async verify(@Body() body: VerifyWebhookRequestDto, @RequestCtx() context: RequestContext) {
    const header = body.provider === 'stripe' ? 'stripe-signature' : 'x-paystack-signature';
    try {
      const verified = await this.inbox.verify(body.provider, Buffer.from(body.payload, 'utf8'), { [header]: body.signature }, context.tenant?.id ?? null);
      return { valid: true, provider: body.provider, eventId: verified.eventId, eventType: verified.eventType, paymentId: verified.reference?.paymentId ?? null, fact: verified.fact };
    } catch (error) {
      if (error instanceof PaymentsError && error.code === 'PAYMENTS.INVALID_SIGNATURE') return { valid: false, provider: body.provider, reason: error.message };
      throw error;
    }
  }

  @Get('history')
  @ReadsProjections('payments')
  @ApiOperation({
    summary: 'Payment history (my own; staff: the tenant\'s)',
    description:
      'Newest first. Your own first page (no cursor) shows a payment you just started or paid at once, with no position: what the read model has not applied yet is read from the payments\' streams. Other pages, and staff listings of others, wait for a position sent as Tally-Position or ?position=.',
  })
  @ApiOkResponse({ type: PaymentPageResponse })
  @ApiProblem(422, 'A bad cursor, limit or userId.')
  history(@Query() query: HistoryQueryDto, @RequestCtx() context: RequestContext, @TenantId() tenantId: string) {
    return this.views.history(tenantId, actorOf(context), { cursor: query.cursor ?? null, limit: query.limit ?? 20, userId: query.userId ?? null });
  }

  /**
   * An organizer gives back credits an early fraud warning held when no dispute or refund
   * followed; 409 while a dispute is open or when nothing is held. A repeat changes nothing.
   */
  @Roles('organizer')
  @Post(':paymentId/release-hold')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give back credits held by an early fraud warning' })
  @ApiOkResponse({ type: ReleaseHoldResponse })
  @ApiProblem(404, 'No such payment.')
  @ApiProblem(409, 'A dispute is open, or nothing is held.')
  @ApiProblems(400, 422)
  releaseHold(@Param('paymentId') paymentId: string, @Body() body: ReleaseHoldRequestDto, @RequestMetadata() metadata: CommandMetadata) {
    return this.commands.execute(new ReleaseCreditHoldCommand({ paymentId, reason: body.reason }, metadata));
  }

  @Get(':paymentId')
  @ReadsProjections(CREDITS_REACTOR)
  @ApiOperation({
    summary: 'One payment (its payer, or tenant staff)',
    description:
      'Read from the payment\'s stream: current at once after checkout or payment, no position needed. Once paid, the answer waits (at most READ_POSITION_WAIT_MS) until the votes bought are on the voter\'s balance (`creditsApplied`), and then carries a Tally-Position past that grant: send it on the next read (the ledger, the leaderboard) to see it there. A vote needs no position.',
  })
  @ApiOkResponse({
    type: PaymentDetailResponse,
    headers: {
      [POSITION_HEADER]: {
        description: 'When creditsApplied is true and the payment moved credits: a log position past those credit movements, for the next read.',
        schema: { type: 'string', pattern: POSITION_PATTERN.source, example: POSITION_EXAMPLE },
      },
    },
  })
  @ApiProblem(404, "No such payment (also someone else's, for a voter).")
  @ApiProblems(400)
  one(@Param('paymentId') paymentId: string, @RequestCtx() context: RequestContext, @TenantId() tenantId: string) {
    return this.views.one(tenantId, paymentId, actorOf(context));
  }

  private async receive(provider: PaymentProviderName, request: RawBodyRequest<FastifyRequest>, context: RequestContext) {
    const result = await this.inbox.receive(provider, request.rawBody, request.headers, { tenantId: context.tenant?.id ?? null });
    return deliveryAcknowledgement(result);
  }
}

@ApiTags('payments')
@ApiTenantAuth()
@Controller('api/refunds')
export class RefundsController {
  constructor(private readonly commands: CommandBus) {}

  @Roles('organizer')
  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Refund a payment, wholly or in part' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '1–255 characters; a retry with the same key and body answers the first result.', example: 'refund-7f3a9c2e-1' })
  @ApiAcceptedResponse({ type: RefundResponse, description: 'Asked of the provider; its webhook confirms it and takes back the credits.' })
  @ApiProblem(404, 'No such payment.')
  @ApiProblem(409, 'The payment cannot be refunded in its state.')
  @ApiProblem(422, 'A field failed validation, the amount exceeds what is left, or the Idempotency-Key was used with another body.')
  @ApiProblem(503, "The payment's provider is not configured.")
  @ApiProblems(400)
  refund(@Body() body: RefundRequestDto, @RequestMetadata() metadata: CommandMetadata, @Headers('idempotency-key') key?: string) {
    return this.commands.execute(new RequestRefundCommand({ paymentId: body.paymentId, amount: body.amount ?? null, reason: body.reason, idempotencyKey: idempotencyKey(key) }, metadata));
  }
}
