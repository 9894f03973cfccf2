import { Body, Controller, Get, HttpCode, Inject, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblem, ApiProblems, ApiTenantAuth, Clock, CLOCK, RequestContext, RequestCtx, Roles, TenantId, tenantIdOf } from '@tally/platform';
import { EventSales } from '../commands/start-checkout/event-sales';
import { minorUnitExponent, parseDecimal } from '../domain/money';
import { PricingStore } from '../settings/pricing.store';
import { FxRateResponse } from './fx-rate.response.dto';
import { FxRateRequestDto, PriceListRequestDto, TaxRulesRequestDto } from './payment-settings.dto';
import { PriceListResponse } from './price-list.response.dto';
import { TaxRulesResponse } from './tax-rules.response.dto';
import { PaymentsError } from '../payments.errors';

/** A tenant's price lists, tax rules and exchange rates (organizers). */
@ApiTags('payments')
@ApiTenantAuth()
@Controller('api/payments')
export class PaymentSettingsController {
  constructor(
    private readonly pricing: PricingStore,
    private readonly events: EventSales,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('price-list')
  @ApiOperation({ summary: 'The price list of an event, or the tenant default' })
  @ApiQuery({ name: 'eventId', required: false, schema: { type: 'string', format: 'uuid' }, description: "The event; the tenant's default list when absent." })
  @ApiOkResponse({ type: PriceListResponse })
  @ApiProblem(422, 'eventId is not a UUID.')
  async priceList(@TenantId() tenantId: string, @Query('eventId') eventId?: string) {
    const list = await this.pricing.priceList(tenantId, eventId ?? null);
    return { eventId: list.contestId, baseCurrency: list.baseCurrency, prices: list.entries };
  }

  @Roles('organizer')
  @Put('price-list')
  @ApiOperation({ summary: 'Set the price list of an event, or the tenant default' })
  @ApiOkResponse({ type: PriceListResponse })
  @ApiProblem(404, 'No such event.')
  @ApiProblem(422, 'A field failed validation, an unknown currency, or no price in the base currency.')
  @ApiProblems(400)
  async setPriceList(@Body() body: PriceListRequestDto, @TenantId() tenantId: string) {
    for (const price of body.prices) minorUnitExponent(price.currency);
    if (!body.prices.some((price) => price.currency === body.baseCurrency)) {
      throw new PaymentsError('PAYMENTS.NO_PRICE', `The base currency ${body.baseCurrency} needs a price`, { currency: body.baseCurrency });
    }
    // Keyed by the event's id as voting knows it, the same id checkout looks prices up by.
    const eventId = body.eventId ? await this.events.existingEvent(tenantId, body.eventId) : undefined;
    await this.pricing.setPriceList(tenantId, eventId ?? null, { baseCurrency: body.baseCurrency, entries: body.prices }, this.clock.now());
    return this.priceList(tenantId, eventId);
  }

  @Get('tax-rules')
  @ApiOperation({ summary: "The tenant's tax rules" })
  @ApiOkResponse({ type: TaxRulesResponse })
  async taxRules(@TenantId() tenantId: string) {
    return { rules: await this.pricing.taxRules(tenantId) };
  }

  @Roles('organizer')
  @Put('tax-rules')
  @ApiOperation({ summary: "Replace the tenant's tax rules" })
  @ApiOkResponse({ type: TaxRulesResponse })
  @ApiProblems(400, 422)
  async setTaxRules(@Body() body: TaxRulesRequestDto, @TenantId() tenantId: string) {
    await this.pricing.setTaxRules(tenantId, body.rules, this.clock.now());
    return this.taxRules(tenantId);
  }

  @Roles('organizer')
  @Post('fx-rates')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record an exchange rate' })
  @ApiCreatedResponse({ type: FxRateResponse })
  @ApiProblem(403, 'A platform-wide rate (platform: true) needs a platform admin.')
  @ApiProblem(422, 'A field failed validation, an unknown currency, or a rate of zero.')
  @ApiProblems(400)
  async addRate(@Body() body: FxRateRequestDto, @RequestCtx() context: RequestContext) {
    minorUnitExponent(body.base);
    minorUnitExponent(body.quote);
    if (parseDecimal(body.rate).numerator === 0n) throw new PaymentsError('PAYMENTS.NO_PRICE', 'A rate must be above zero', { rate: body.rate });
    const platform = body.platform === true;
    if (platform && !context.actor?.roles.includes('platform_admin')) throw new PaymentsError('PAYMENTS.FORBIDDEN', 'Only platform admins set platform-wide rates', {});
    const rate = { base: body.base, quote: body.quote, rate: body.rate, asOf: body.asOf ? new Date(body.asOf) : this.clock.now() };
    // A platform-wide rate belongs to no tenant, so the tenant is asked for only when the rate is the tenant's.
    await this.pricing.addRate(platform ? '*' : tenantIdOf(context), rate);
    return { ...rate, asOf: rate.asOf.toISOString(), scope: platform ? 'platform' : 'tenant' };
  }
}
