import { minorUnitExponent, money, Money, parseDecimal, Ratio, roundHalfUp, toSafeNumber } from './money';
import { PaymentsError } from '../payments.errors';

/** One currency's price in a tenant's (or a contest's) price list: the price of one vote. */
export interface PriceListEntry {
  readonly currency: string;
  /** Minor units per vote. */
  readonly unitAmount: number;
}

export interface PriceList {
  /** The contest the list belongs to, or null for the tenant's default list. */
  readonly contestId: string | null;
  readonly entries: readonly PriceListEntry[];
  /** Prices in other currencies are converted from this one. */
  readonly baseCurrency: string;
}

export type TaxMode = 'inclusive' | 'exclusive';

/** A tenant's tax rule for buyers in one country (`*` matches any country). */
export interface TaxRule {
  readonly country: string;
  /** Decimal fraction, e.g. "0.2" for 20 %, "0.08875" for 8.875 %. */
  readonly rate: string;
  readonly mode: TaxMode;
}

/** A stored exchange rate: 1 unit (major) of `base` buys `rate` units (major) of `quote`. */
export interface FxRate {
  readonly base: string;
  readonly quote: string;
  readonly rate: string;
  readonly asOf: Date;
}

export interface TaxBreakdown {
  readonly net: Money;
  readonly tax: Money;
  readonly gross: Money;
  readonly rule: TaxRule | null;
}

export interface Quote extends TaxBreakdown {
  readonly votes: number;
  /** The price list amount for the votes, in the charged currency, before tax is applied. */
  readonly listPrice: Money;
  readonly fx: { readonly from: Money; readonly rate: string; readonly asOf: string } | null;
}

/**
 * Applies a tax rule to a list price. Exclusive: tax is added on top of the price. Inclusive:
 * the price already contains the tax, which is carved out. Rounding happens once, on the tax
 * (exclusive) or on the net (inclusive), so net + tax = gross always holds exactly.
 */
export function applyTax(price: Money, rule: TaxRule | null): TaxBreakdown {
  if (!rule) return { net: price, tax: money(0, price.currency), gross: price, rule: null };
  const rate = parseDecimal(rule.rate);
  const amount = BigInt(price.amount);
  switch (rule.mode) {
    case 'exclusive': {
      const tax = toSafeNumber(roundHalfUp(amount * rate.numerator, rate.denominator));
      return { net: price, tax: money(tax, price.currency), gross: money(price.amount + tax, price.currency), rule };
    }
    case 'inclusive': {
      const net = toSafeNumber(roundHalfUp(amount * rate.denominator, rate.denominator + rate.numerator));
      return { net: money(net, price.currency), tax: money(price.amount - net, price.currency), gross: price, rule };
    }
    default:
      return assertNever(rule.mode);
  }
}

/** The buyer's country's rule, else the tenant's catch-all (`*`), else none. */
export function taxRuleFor(rules: readonly TaxRule[], country: string | null): TaxRule | null {
  const upper = country?.toUpperCase() ?? null;
  return rules.find((rule) => upper !== null && rule.country.toUpperCase() === upper) ?? rules.find((rule) => rule.country === '*') ?? null;
}

/**
 * Converts an amount with a stored rate, exactly: minor(from) × rate × 10^(e_to − e_from),
 * rounded half-up once. So 1000 JPY at 0.0067 USD/JPY is 670 cents, and 10.00 USD at
 * 0.307 KWD/USD is 3.070 KWD (3070 fils).
 */
export function convert(amount: Money, to: string, rate: FxRate): Money {
  if (amount.currency === to) return amount;
  const ratio = directedRate(rate, amount.currency, to);
  const shift = minorUnitExponent(to) - minorUnitExponent(amount.currency);
  let numerator = BigInt(amount.amount) * ratio.numerator;
  let denominator = ratio.denominator;
  if (shift >= 0) numerator *= 10n ** BigInt(shift);
  else denominator *= 10n ** BigInt(-shift);
  return money(toSafeNumber(roundHalfUp(numerator, denominator)), to);
}

function directedRate(rate: FxRate, from: string, to: string): Ratio {
  const parsed = parseDecimal(rate.rate);
  if (parsed.numerator === 0n) throw new RangeError(`Rate ${rate.base}/${rate.quote} is zero`);
  if (rate.base === from && rate.quote === to) return parsed;
  if (rate.base === to && rate.quote === from) return { numerator: parsed.denominator, denominator: parsed.numerator };
  throw new RangeError(`Rate ${rate.base}/${rate.quote} does not convert ${from} to ${to}`);
}

export interface QuoteInput {
  readonly votes: number;
  readonly currency: string;
  readonly priceList: PriceList;
  readonly taxRules: readonly TaxRule[];
  readonly country: string | null;
  readonly rates: readonly FxRate[];
  readonly now: Date;
  /** A rate older than this is refused rather than charged with. */
  readonly maxRateAgeMs: number;
}

/**
 * What `votes` cost in `currency`: the list price in that currency when the list has one,
 * else the base-currency price converted with the newest stored rate; then tax.
 */
export function quoteVotes(input: QuoteInput): Quote {
  const { votes, currency } = input;
  if (!Number.isSafeInteger(votes) || votes < 1) {
    throw new PaymentsError('PAYMENTS.INVALID_VOTES', 'Votes must be a whole number of at least 1', { votes });
  }
  minorUnitExponent(currency);
  const direct = input.priceList.entries.find((entry) => entry.currency === currency);
  let listPrice: Money;
  let fx: Quote['fx'] = null;
  if (direct) {
    listPrice = money(direct.unitAmount * votes, currency);
  } else {
    const base = input.priceList.entries.find((entry) => entry.currency === input.priceList.baseCurrency);
    if (!base) throw new PaymentsError('PAYMENTS.NO_PRICE', `No price in ${currency} for this event`, { currency });
    const rate = newestRate(input.rates, base.currency, currency);
    if (!rate) throw new PaymentsError('PAYMENTS.NO_PRICE', `No price in ${currency} and no exchange rate from ${base.currency}`, { currency });
    if (input.now.getTime() - rate.asOf.getTime() > input.maxRateAgeMs) {
      throw new PaymentsError('PAYMENTS.FX_RATE_STALE', `The ${base.currency}/${currency} rate of ${rate.asOf.toISOString()} is too old`, { currency, asOf: rate.asOf.toISOString() });
    }
    const from = money(base.unitAmount * votes, base.currency);
    listPrice = convert(from, currency, rate);
    fx = { from, rate: rate.base === base.currency ? rate.rate : `1/${rate.rate}`, asOf: rate.asOf.toISOString() };
  }
  if (listPrice.amount <= 0) throw new PaymentsError('PAYMENTS.NO_PRICE', `The price in ${currency} rounds to nothing`, { currency });
  return { votes, listPrice, fx, ...applyTax(listPrice, taxRuleFor(input.taxRules, input.country)) };
}

function newestRate(rates: readonly FxRate[], from: string, to: string): FxRate | undefined {
  return rates
    .filter((rate) => (rate.base === from && rate.quote === to) || (rate.base === to && rate.quote === from))
    .sort((a, b) => b.asOf.getTime() - a.asOf.getTime())[0];
}

function assertNever(value: never): never {
  throw new Error(`Unexpected value ${String(value)}`);
}
