import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { DomainError, RequestContext, RequestCtx, Roles } from '@tally/platform';
import { PaymentSettingsResponse, PaymentSettingsService } from '../settings/payment-settings.service';
import { PaymentSettingsRequestDto, SettingsAuditQueryDto } from './provider-settings.dto';

/** A tenant's payment providers and keys (its organizers, or a platform admin acting in it). Keys go in, masked hints come out. */
@Controller('api/payments/settings')
export class ProviderSettingsController {
  constructor(private readonly settings: PaymentSettingsService) {}

  @Roles('organizer')
  @Get()
  view(@RequestCtx() context: RequestContext): Promise<PaymentSettingsResponse> {
    return this.settings.view(tenantOf(context));
  }

  /** Who changed the settings, when and what (masked hints only), newest first. */
  @Roles('organizer')
  @Get('audit')
  audit(@Query() query: SettingsAuditQueryDto, @RequestCtx() context: RequestContext) {
    return this.settings.audit(tenantOf(context), { cursor: query.cursor ?? null, limit: query.limit ?? 20 });
  }

  @Roles('organizer')
  @Put()
  change(@Body() body: PaymentSettingsRequestDto, @RequestCtx() context: RequestContext): Promise<PaymentSettingsResponse> {
    return this.settings.change(tenantOf(context), body, { actorId: context.actor?.userId ?? null, requestId: context.requestId });
  }
}

function tenantOf(context: RequestContext): string {
  if (!context.tenant) throw new DomainError('PAYMENTS.PAYMENT_NOT_FOUND', 'No tenant named for this request', {});
  return context.tenant.id;
}
