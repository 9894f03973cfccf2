import { Controller, HttpCode, Param, Post, RawBodyRequest, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiProblem, Public } from '@tally/platform';
import { TenantDirectory } from '@tally/tenancy';
import { FastifyRequest } from 'fastify';
import { SubscriptionsError } from '../subscriptions.errors';
import { BillingDeliveryOutcome, BillingWebhookInbox } from './billing-webhook-inbox';

class BillingWebhookAckResponse {
  @ApiProperty({ enum: [true] }) received!: true;
  @ApiProperty({ format: 'uuid' }) webhookId!: string;
  @ApiProperty({ description: 'The event was delivered before; nothing was applied twice.' }) duplicate!: boolean;
  @ApiProperty({ enum: ['processed', 'ignored', 'duplicate'] }) outcome!: BillingDeliveryOutcome;
}

const STRIPE_EVENT = {
  type: 'object',
  properties: {
    id: { type: 'string', example: 'evt_1OqLx2Eq1AbCdEfGhIjKlMn' },
    type: { type: 'string', example: 'invoice.paid' },
    data: { type: 'object', properties: { object: { type: 'object', additionalProperties: true } } },
  },
  additionalProperties: true,
} as const;

/** Stripe Billing's webhooks (invoice.paid, invoice.payment_failed, customer.subscription.updated/deleted), and the sandbox's copies. */
@ApiTags('subscriptions')
@Controller('api/subscriptions/webhook')
export class BillingWebhooksHttpController {
  constructor(
    private readonly inbox: BillingWebhookInbox,
    private readonly tenants: TenantDirectory,
  ) {}

  @Public({ tenant: false })
  @Post('stripe')
  @HttpCode(200)
  @ApiOperation({ summary: "Receive Stripe Billing's webhook (invoices and subscriptions)" })
  @ApiConsumes('application/json')
  @ApiHeader({ name: 'Stripe-Signature', required: true, description: 'The signature of the raw body (STRIPE_WEBHOOK_SECRET).' })
  @ApiBody({ description: 'The Stripe event, exactly as sent.', schema: { ...STRIPE_EVENT } })
  @ApiOkResponse({ type: BillingWebhookAckResponse, description: 'Recorded and applied, recorded and ignored (a type Tally does not act on), or a duplicate.' })
  @ApiProblem(400, 'Empty body, missing or bad Stripe-Signature, or a timestamp outside the tolerance; nothing is recorded.')
  @ApiProblem(404, 'The subscription named by the event does not exist; recorded as failed, applied when delivered again.')
  @ApiProblem(503, 'No Stripe webhook secret is configured.')
  async stripe(@Req() request: RawBodyRequest<FastifyRequest>): Promise<BillingWebhookAckResponse> {
    return acknowledgement(await this.inbox.receive('stripe', request.rawBody, request.headers));
  }

  @Public({ tenant: false })
  @Post('stripe/:tenant')
  @HttpCode(200)
  @ApiOperation({ summary: "Receive Stripe Billing's webhook for a tenant's own Stripe account" })
  @ApiParam({ name: 'tenant', description: "The tenant slug or id: the delivery is verified with the tenant's own webhook secret (payments' settings), and may only touch subscriptions billed on that account.", example: 'gala' })
  @ApiConsumes('application/json')
  @ApiHeader({ name: 'Stripe-Signature', required: true, description: "The signature of the raw body with the tenant's webhook secret." })
  @ApiBody({ description: 'The Stripe event, exactly as sent.', schema: { ...STRIPE_EVENT } })
  @ApiOkResponse({ type: BillingWebhookAckResponse, description: 'Recorded and applied, recorded and ignored (a type Tally does not act on, or a subscription billed on another account), or a duplicate.' })
  @ApiProblem(400, 'Unknown tenant, empty body, missing or bad Stripe-Signature, or a timestamp outside the tolerance; nothing is recorded.')
  @ApiProblem(404, 'The subscription named by the event does not exist; recorded as failed, applied when delivered again.')
  @ApiProblem(503, 'Neither the tenant nor the platform has a Stripe webhook secret.')
  async stripeForTenant(@Param('tenant') tenant: string, @Req() request: RawBodyRequest<FastifyRequest>): Promise<BillingWebhookAckResponse> {
    const found = tenant.length <= 100 ? await this.tenants.resolve(tenant) : null;
    // An unknown tenant is refused like a bad signature, so Stripe's dashboard shows the misconfiguration.
    if (!found) throw new SubscriptionsError('SUBSCRIPTIONS.INVALID_SIGNATURE', `No tenant ${tenant.slice(0, 100)} for this webhook path`, { provider: 'stripe' });
    return acknowledgement(await this.inbox.receive('stripe', request.rawBody, request.headers, { tenantId: found.id }));
  }

  @Public({ tenant: false })
  @Post('sandbox')
  @HttpCode(200)
  @ApiOperation({ summary: "Receive the billing sandbox's webhook (embedded mode)" })
  @ApiConsumes('application/json')
  @ApiHeader({ name: 'Tally-Sandbox-Signature', required: true, description: "Stripe's signature scheme with the sandbox secret." })
  @ApiBody({ description: 'A Stripe-shaped event from the sandbox.', schema: { ...STRIPE_EVENT } })
  @ApiOkResponse({ type: BillingWebhookAckResponse, description: 'Recorded and applied, ignored, or a duplicate.' })
  @ApiProblem(400, 'Empty body, missing or bad signature; nothing is recorded.')
  @ApiProblem(404, 'The subscription named by the event does not exist.')
  @ApiProblem(503, 'The sandbox is off.')
  async sandbox(@Req() request: RawBodyRequest<FastifyRequest>): Promise<BillingWebhookAckResponse> {
    return acknowledgement(await this.inbox.receive('sandbox', request.rawBody, request.headers));
  }
}

function acknowledgement(result: { webhookId: string; outcome: BillingDeliveryOutcome }): BillingWebhookAckResponse {
  return { received: true, webhookId: result.webhookId, duplicate: result.outcome === 'duplicate', outcome: result.outcome };
}
