import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, RawBodyRequest, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { commandMetadata } from '@tally/eventstore';
import { Actor, DomainError, Public, RequestContext, RequestCtx, Roles } from '@tally/platform';
import { FastifyRequest } from 'fastify';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiProblem } from '@tally/platform';
import { StartCheckoutCommand } from '../commands/start-checkout/start-checkout.command';
import { RequestRefundCommand } from '../commands/request-refund/request-refund.command';
import { PaymentProviderName } from '../domain/payment.events';
import { PaymentViews } from '../queries/payment-views';
import { deliveryAcknowledgement, WebhookInbox } from '../webhooks/webhook-inbox';
import { ReleaseCreditHoldCommand } from '../commands/release-credit-hold/release-credit-hold.command';
import { CheckoutRequestDto, HistoryQueryDto, RefundRequestDto, ReleaseHoldRequestDto, VerifyWebhookRequestDto } from './payments.dto';

function tenantOf(context: RequestContext): string {
  if (!context.tenant) throw new DomainError('PAYMENTS.PAYMENT_NOT_FOUND', 'No tenant named for this request', {});
  return context.tenant.id;
}

function actorOf(context: RequestContext): Actor {
  if (!context.actor) throw new Error('Authenticated route without an actor');
  return context.actor;
}

function metadataOf(context: RequestContext) {
  return commandMetadata({ tenantId: tenantOf(context), actorId: context.actor?.userId ?? null, clientIp: context.clientIp, correlationId: context.requestId });
}

function idempotencyKey(value: string | undefined): string | null {
  if (value === undefined) return null;
  if (value.length < 1 || value.length > 255) throw new DomainError('PAYMENTS.IDEMPOTENCY_MISMATCH', 'Idempotency-Key must be 1–255 characters', {});
  return value;
}

@Controller('api/payments')
export class PaymentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly views: PaymentViews,
    private readonly inbox: WebhookInbox,
  ) {}

  @Post('checkout')
  @HttpCode(201)
  async checkout(@Body() body: CheckoutRequestDto, @RequestCtx() context: RequestContext, @Headers('idempotency-key') key?: string) {
    const actor = actorOf(context);
    const result = await this.commands.execute(
      new StartCheckoutCommand(
        { voterId: actor.userId, contestId: body.eventId ?? null, votes: body.votes, currency: body.currency, provider: body.provider ?? null, country: body.country?.toUpperCase() ?? null, email: body.email ?? null, idempotencyKey: idempotencyKey(key) },
        metadataOf(context),
      ),
    );
    const secret = result.clientSecret !== null && result.checkoutUrl === null ? { clientSecret: result.clientSecret } : { checkoutUrl: result.checkoutUrl, clientSecret: result.clientSecret };
    // A sandbox payment says so in the response itself, so no client mistakes it for money.
    const sandbox = result.provider === 'sandbox' ? { sandbox: true } : {};
    return { paymentId: result.paymentId, provider: result.provider, ...sandbox, ...secret, amount: result.amount, net: result.net, tax: result.tax, votes: result.votes };
  }

  /** Stripe's webhook (Stripe-Signature over the raw body). */
  @Public()
  @Post('webhook')
  @HttpCode(200)
  stripeWebhook(@Req() request: RawBodyRequest<FastifyRequest>, @RequestCtx() context: RequestContext) {
    return this.receive('stripe', request, context);
  }

  /** Paystack's webhook (x-paystack-signature, HMAC-SHA512 of the raw body). */
  @Public()
  @Post('webhook/paystack')
  @HttpCode(200)
  paystackWebhook(@Req() request: RawBodyRequest<FastifyRequest>, @RequestCtx() context: RequestContext) {
    return this.receive('paystack', request, context);
  }

  /**
   * The local sandbox's webhook: Stripe's signing scheme under Tally-Sandbox-Signature, with the
   * sandbox secret. 503 when the sandbox is off (no secret to check against).
   */
  @Public()
  @Post('webhook/sandbox')
  @HttpCode(200)
  @ApiOperation({ summary: 'Receive a payment sandbox webhook (signed like Stripe with the sandbox secret)' })
  @ApiOkResponse({
    description: 'Recorded (or recognised as a duplicate by its event id).',
    schema: { type: 'object', properties: { received: { type: 'boolean' }, webhookId: { type: 'string', format: 'uuid' }, duplicate: { type: 'boolean' }, outcome: { type: 'string', enum: ['processed', 'ignored', 'duplicate', 'failed'] } } },
  })
  @ApiProblem(400, 'Missing or bad Tally-Sandbox-Signature, or a timestamp outside the tolerance; nothing is recorded as verified.')
  @ApiProblem(503, 'The payment sandbox is off.')
  sandboxWebhook(@Req() request: RawBodyRequest<FastifyRequest>, @RequestCtx() context: RequestContext) {
    return this.receive('sandbox', request, context);
  }

  /** Support: checks a delivery's signature and shows what it means, recording nothing. */
  @Roles('organizer', 'auditor')
  @Post('verify')
  @HttpCode(200)
  async verify(@Body() body: VerifyWebhookRequestDto, @RequestCtx() context: RequestContext) {
    const header = body.provider === 'stripe' ? 'stripe-signature' : 'x-paystack-signature';
    try {
      const verified = await this.inbox.verify(body.provider, Buffer.from(body.payload, 'utf8'), { [header]: body.signature }, context.tenant?.id ?? null);
      return { valid: true, provider: body.provider, eventId: verified.eventId, eventType: verified.eventType, paymentId: verified.reference?.paymentId ?? null, fact: verified.fact };
    } catch (error) {
      if (error instanceof DomainError && error.code === 'PAYMENTS.INVALID_SIGNATURE') return { valid: false, provider: body.provider, reason: error.message };
      throw error;
    }
  }

  @Get('history')
  history(@Query() query: HistoryQueryDto, @RequestCtx() context: RequestContext) {
    return this.views.history(tenantOf(context), actorOf(context), { cursor: query.cursor ?? null, limit: query.limit ?? 20, userId: query.userId ?? null });
  }

  /**
   * An organizer gives back credits an early fraud warning held when no dispute or refund
   * followed; 409 while a dispute is open or when nothing is held. A repeat changes nothing.
   */
  @Roles('organizer')
  @Post(':paymentId/release-hold')
  @HttpCode(200)
  releaseHold(@Param('paymentId') paymentId: string, @Body() body: ReleaseHoldRequestDto, @RequestCtx() context: RequestContext) {
    return this.commands.execute(new ReleaseCreditHoldCommand({ paymentId, reason: body.reason }, metadataOf(context)));
  }

  @Get(':paymentId')
  one(@Param('paymentId') paymentId: string, @RequestCtx() context: RequestContext) {
    return this.views.one(tenantOf(context), paymentId, actorOf(context));
  }

  private async receive(provider: PaymentProviderName, request: RawBodyRequest<FastifyRequest>, context: RequestContext) {
    const result = await this.inbox.receive(provider, request.rawBody, request.headers, { tenantId: context.tenant?.id ?? null });
    return deliveryAcknowledgement(result);
  }
}

@Controller('api/refunds')
export class RefundsController {
  constructor(private readonly commands: CommandBus) {}

  @Roles('organizer')
  @Post()
  @HttpCode(202)
  refund(@Body() body: RefundRequestDto, @RequestCtx() context: RequestContext, @Headers('idempotency-key') key?: string) {
    return this.commands.execute(new RequestRefundCommand({ paymentId: body.paymentId, amount: body.amount ?? null, reason: body.reason, idempotencyKey: idempotencyKey(key) }, metadataOf(context)));
  }
}
