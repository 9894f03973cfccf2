import { Controller, HttpCode, Param, Post, RawBodyRequest, Req } from '@nestjs/common';
import { DomainError, Public } from '@tally/platform';
import { TenantDirectory } from '@tally/tenancy';
import { FastifyRequest } from 'fastify';
import { ProviderName } from '../domain/payment.events';
import { deliveryAcknowledgement, WebhookInbox } from '../webhooks/webhook-inbox';

/**
 * Webhooks of tenants with their own provider account: each account signs with its own secret,
 * so the tenant is named in the path (slug or id) and only its secret is tried. A delivery
 * signed with one tenant's secret may only touch that tenant's payments.
 */
@Controller('api/payments/webhook')
export class TenantWebhooksController {
  constructor(
    private readonly inbox: WebhookInbox,
    private readonly tenants: TenantDirectory,
  ) {}

  @Public()
  @Post('stripe/:tenant')
  @HttpCode(200)
  stripe(@Param('tenant') tenant: string, @Req() request: RawBodyRequest<FastifyRequest>) {
    return this.receive('stripe', tenant, request);
  }

  @Public()
  @Post('paystack/:tenant')
  @HttpCode(200)
  paystack(@Param('tenant') tenant: string, @Req() request: RawBodyRequest<FastifyRequest>) {
    return this.receive('paystack', tenant, request);
  }

  private async receive(provider: ProviderName, name: string, request: RawBodyRequest<FastifyRequest>) {
    const tenant = name.length <= 100 ? await this.tenants.resolve(name) : null;
    // Unknown tenants are refused like a bad signature (400), so the provider's dashboard shows the misconfiguration.
    if (!tenant) throw new DomainError('PAYMENTS.INVALID_SIGNATURE', `No tenant ${name.slice(0, 100)} for this webhook path`, { provider });
    const result = await this.inbox.receive(provider, request.rawBody, request.headers, { tenantId: tenant.id, tenantPath: true });
    return deliveryAcknowledgement(result);
  }
}
