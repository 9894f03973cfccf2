import { Body, Controller, Get, HttpCode, Inject, Post, Put, Query } from '@nestjs/common';
import { Clock, CLOCK, DomainError, RequestContext, RequestCtx, Roles } from '@tally/platform';
import { EventSales } from '../commands/start-checkout/event-sales';
import { minorUnitExponent, parseDecimal } from '../domain/money';
import { PricingStore } from '../settings/pricing.store';
import { FxRateRequestDto, PriceListRequestDto, TaxRulesRequestDto } from './payment-settings.dto';

/** A tenant's price lists, tax rules and exchange rates (organizers). */
@Controller('api/payments')
export class PaymentSettingsController {
  constructor(
    private readonly pricing: PricingStore,
    private readonly events: EventSales,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('price-list')
  async priceList(@RequestCtx() context: RequestContext, @Query('eventId') eventId?: string) {
    const list = await this.pricing.priceList(tenantOf(context), eventId ?? null);
    return { eventId: list.contestId, baseCurrency: list.baseCurrency, prices: list.entries };
  }

  @Roles('organizer')
  @Put('price-list')
  async setPriceList(@Body() body: PriceListRequestDto, @RequestCtx() context: RequestContext) {
    for (const price of body.prices) minorUnitExponent(price.currency);
    if (!body.prices.some((price) => price.currency === body.baseCurrency)) {
      throw new DomainError('PAYMENTS.NO_PRICE', `The base currency ${body.baseCurrency} needs a price`, { currency: body.baseCurrency });
    }
    // Keyed by the event's id as voting knows it, the same id checkout looks prices up by.
    const eventId = body.eventId ? await this.events.existingEvent(tenantOf(context), body.eventId) : undefined;
    await this.pricing.setPriceList(tenantOf(context), eventId ?? null, { baseCurrency: body.baseCurrency, entries: body.prices }, this.clock.now());
    return this.priceList(context, eventId);
  }

  @Get('tax-rules')
  async taxRules(@RequestCtx() context: RequestContext) {
    return { rules: await this.pricing.taxRules(tenantOf(context)) };
  }

  @Roles('organizer')
  @Put('tax-rules')
  async setTaxRules(@Body() body: TaxRulesRequestDto, @RequestCtx() context: RequestContext) {
    await this.pricing.setTaxRules(tenantOf(context), body.rules, this.clock.now());
    return this.taxRules(context);
  }

  @Roles('organizer')
  @Post('fx-rates')
  @HttpCode(201)
  async addRate(@Body() body: FxRateRequestDto, @RequestCtx() context: RequestContext) {
    minorUnitExponent(body.base);
    minorUnitExponent(body.quote);
    if (parseDecimal(body.rate).numerator === 0n) throw new DomainError('PAYMENTS.NO_PRICE', 'A rate must be above zero', { rate: body.rate });
    const platform = body.platform === true;
    if (platform && !context.actor?.roles.includes('platform_admin')) throw new DomainError('PAYMENTS.FORBIDDEN', 'Only platform admins set platform-wide rates', {});
    const rate = { base: body.base, quote: body.quote, rate: body.rate, asOf: body.asOf ? new Date(body.asOf) : this.clock.now() };
    await this.pricing.addRate(platform ? '*' : tenantOf(context), rate);
    return { ...rate, asOf: rate.asOf.toISOString(), scope: platform ? 'platform' : 'tenant' };
  }
}

function tenantOf(context: RequestContext): string {
  if (!context.tenant) throw new DomainError('PAYMENTS.PAYMENT_NOT_FOUND', 'No tenant named for this request', {});
  return context.tenant.id;
}
