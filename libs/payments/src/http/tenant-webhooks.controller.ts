import { Controller, HttpCode, Param, Post, RawBodyRequest, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblem, Public } from '@tally/platform';
import { TenantDirectory } from '@tally/tenancy';
import { FastifyRequest } from 'fastify';
import { ProviderName } from '../domain/payment.events';
import { deliveryAcknowledgement, WebhookInbox } from '../webhooks/webhook-inbox';
import { ApiWebhookBody } from './api-webhook-body.decorator';
import { WebhookAckResponse } from './webhook-ack.response.dto';
import { PaymentsError } from '../payments.errors';

/**
 * Webhooks of tenants with their own provider account: each account signs with its own secret,
 * so the tenant is named in the path (slug or id) and only its secret is tried. A delivery
 * signed with one tenant's secret may only touch that tenant's payments.
 */
@ApiTags('payments')
@Controller('api/payments/webhook')
export class TenantWebhooksController {
  constructor(
    private readonly inbox: WebhookInbox,
    private readonly tenants: TenantDirectory,
  ) {}

  @Public({ tenant: false })
  @Post('stripe/:tenant')
  @HttpCode(200)
  @ApiOperation({ summary: "Receive Stripe's webhook for a tenant's own account" })
  @ApiParam({ name: 'tenant', description: 'The tenant slug or id; only its webhook secret is tried.', example: 'gala' })
  @ApiWebhookBody('stripe')
  @ApiOkResponse({ type: WebhookAckResponse, description: 'Recorded, or recognised as a duplicate (nothing applied twice).' })
  @ApiProblem(400, 'Unknown tenant, missing or bad Stripe-Signature, or a timestamp outside the tolerance; nothing is recorded as verified.')
  @ApiProblem(503, 'The tenant has no webhook secret configured.')
  stripe(@Param('tenant') tenant: string, @Req() request: RawBodyRequest<FastifyRequest>) {
    return this.receive('stripe', tenant, request);
  }

  @Public({ tenant: false })
  @Post('paystack/:tenant')
  @HttpCode(200)
  @ApiOperation({ summary: "Receive Paystack's webhook for a tenant's own account" })
  @ApiParam({ name: 'tenant', description: 'The tenant slug or id; only its key is tried.', example: 'gala' })
  @ApiWebhookBody('paystack')
  @ApiOkResponse({ type: WebhookAckResponse, description: 'Recorded, or recognised as a duplicate (nothing applied twice).' })
  @ApiProblem(400, 'Unknown tenant, or missing or bad x-paystack-signature; nothing is recorded as verified.')
  @ApiProblem(503, 'The tenant has no Paystack key configured.')
  paystack(@Param('tenant') tenant: string, @Req() request: RawBodyRequest<FastifyRequest>) {
    return this.receive('paystack', tenant, request);
  }

  private async receive(provider: ProviderName, name: string, request: RawBodyRequest<FastifyRequest>) {
    const tenant = name.length <= 100 ? await this.tenants.resolve(name) : null;
    // Unknown tenants are refused like a bad signature (400), so the provider's dashboard shows the misconfiguration.
    if (!tenant) throw new PaymentsError('PAYMENTS.INVALID_SIGNATURE', `No tenant ${name.slice(0, 100)} for this webhook path`, { provider });
    const result = await this.inbox.receive(provider, request.rawBody, request.headers, { tenantId: tenant.id, tenantPath: true });
    return deliveryAcknowledgement(result);
  }
}
