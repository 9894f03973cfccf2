import fc from 'fast-check';
import { DomainError } from '@tally/platform';
import { formatMoney, minorUnitExponent, money, roundHalfUp } from './money';
import { applyTax, convert, FxRate, PriceList, quoteVotes, taxRuleFor, TaxRule } from './pricing';

const at = (iso: string) => new Date(iso);
const usdJpy: FxRate = { base: 'USD', quote: 'JPY', rate: '150', asOf: at('2026-01-01T00:00:00Z') };
const usdKwd: FxRate = { base: 'USD', quote: 'KWD', rate: '0.307', asOf: at('2026-01-01T00:00:00Z') };

function codeOf(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return String(error.code);
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('money', () => {
  it('knows zero-, two- and three-decimal currencies', () => {
    expect([minorUnitExponent('JPY'), minorUnitExponent('USD'), minorUnitExponent('KWD')]).toEqual([0, 2, 3]);
    expect(codeOf(() => minorUnitExponent('XYZ'))).toBe('PAYMENTS.UNSUPPORTED_CURRENCY');
  });

  it('formats minor units in major units', () => {
    expect(formatMoney(money(1999, 'USD'))).toBe('19.99 USD');
    expect(formatMoney(money(5, 'USD'))).toBe('0.05 USD');
    expect(formatMoney(money(1000, 'JPY'))).toBe('1000 JPY');
    expect(formatMoney(money(1234, 'KWD'))).toBe('1.234 KWD');
    expect(formatMoney(money(-7, 'KWD'))).toBe('-0.007 KWD');
  });

  it('refuses fractional minor units', () => {
    expect(() => money(1.5, 'USD')).toThrow(RangeError);
  });

  it('rounds halves away from zero', () => {
    expect([roundHalfUp(5n, 10n), roundHalfUp(4n, 10n), roundHalfUp(15n, 10n), roundHalfUp(25n, 10n), roundHalfUp(-25n, 10n)]).toEqual([1n, 0n, 2n, 3n, -3n]);
  });
});

describe('tax', () => {
  const exclusive20: TaxRule = { country: 'GB', rate: '0.2', mode: 'exclusive' };
  const inclusive20: TaxRule = { country: 'GB', rate: '0.2', mode: 'inclusive' };

  it.each([
    ['USD exclusive 20%', money(1999, 'USD'), exclusive20, { net: 1999, tax: 400, gross: 2399 }],
    ['USD inclusive 20%', money(1200, 'USD'), inclusive20, { net: 1000, tax: 200, gross: 1200 }],
    ['USD exclusive, a half cent rounds up', money(10, 'USD'), { country: '*', rate: '0.05', mode: 'exclusive' }, { net: 10, tax: 1, gross: 11 }],
    ['JPY exclusive 10%, half yen rounds up', money(1005, 'JPY'), { country: 'JP', rate: '0.1', mode: 'exclusive' }, { net: 1005, tax: 101, gross: 1106 }],
    ['JPY inclusive 10%', money(1100, 'JPY'), { country: 'JP', rate: '0.1', mode: 'inclusive' }, { net: 1000, tax: 100, gross: 1100 }],
    ['KWD inclusive 5%', money(1000, 'KWD'), { country: 'KW', rate: '0.05', mode: 'inclusive' }, { net: 952, tax: 48, gross: 1000 }],
    ['KWD exclusive 8.875%', money(1234, 'KWD'), { country: 'KW', rate: '0.08875', mode: 'exclusive' }, { net: 1234, tax: 110, gross: 1344 }],
  ] as const)('%s', (_name, price, rule, expected) => {
    const result = applyTax(price, rule);
    expect({ net: result.net.amount, tax: result.tax.amount, gross: result.gross.amount }).toEqual(expected);
    expect(result.gross.currency).toBe(price.currency);
  });

  it('charges no tax without a rule', () => {
    expect(applyTax(money(500, 'USD'), null)).toMatchObject({ net: { amount: 500 }, tax: { amount: 0 }, gross: { amount: 500 } });
  });

  it('picks the buyer country, else the catch-all', () => {
    const rules: TaxRule[] = [{ country: '*', rate: '0.1', mode: 'exclusive' }, { country: 'NG', rate: '0.075', mode: 'inclusive' }];
    expect(taxRuleFor(rules, 'ng')?.rate).toBe('0.075');
    expect(taxRuleFor(rules, 'FR')?.rate).toBe('0.1');
    expect(taxRuleFor(rules, null)?.rate).toBe('0.1');
    expect(taxRuleFor([], 'FR')).toBeNull();
  });

  it('keeps net + tax = gross and tax >= 0 for any amount and rate, in both modes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 50_000 }),
        fc.constantFrom('exclusive' as const, 'inclusive' as const),
        fc.constantFrom('USD', 'JPY', 'KWD'),
        (amount, rateBp, mode, currency) => {
          const rate = (rateBp / 100_000).toFixed(5);
          const result = applyTax(money(amount, currency), { country: '*', rate, mode });
          return result.net.amount + result.tax.amount === result.gross.amount && result.tax.amount >= 0 && result.net.amount >= 0;
        },
      ),
    );
  });
});

describe('currency conversion', () => {
  it.each([
    ['USD → JPY (2 → 0 decimals)', money(1000, 'USD'), 'JPY', usdJpy, 1500],
    ['JPY → USD (0 → 2 decimals, inverse rate)', money(1000, 'JPY'), 'USD', usdJpy, 667],
    ['USD → KWD (2 → 3 decimals)', money(1000, 'USD'), 'KWD', usdKwd, 3070],
    ['KWD → USD (3 → 2 decimals, inverse rate)', money(3070, 'KWD'), 'USD', usdKwd, 1000],
    ['USD → JPY with a fractional rate', money(333, 'USD'), 'JPY', { ...usdJpy, rate: '150.5' }, 501],
  ] as const)('%s', (_name, from, to, rate, expected) => {
    expect(convert(from, to, rate)).toEqual({ amount: expected, currency: to });
  });

  it('refuses a rate for other currencies', () => {
    expect(() => convert(money(1, 'EUR'), 'JPY', usdJpy)).toThrow(RangeError);
  });
});

describe('quoteVotes', () => {
  const priceList: PriceList = { contestId: null, baseCurrency: 'USD', entries: [{ currency: 'USD', unitAmount: 50 }, { currency: 'NGN', unitAmount: 50000 }] };
  const base = { priceList, taxRules: [] as TaxRule[], country: null, rates: [usdJpy, usdKwd], now: at('2026-01-01T06:00:00Z'), maxRateAgeMs: 24 * 3600_000 };

  it('prices from the list in its own currency', () => {
    const quote = quoteVotes({ ...base, votes: 10, currency: 'USD' });
    expect(quote).toMatchObject({ votes: 10, listPrice: { amount: 500, currency: 'USD' }, gross: { amount: 500 }, fx: null });
  });

  it('converts from the base currency with the stored rate and its time', () => {
    const quote = quoteVotes({ ...base, votes: 3, currency: 'JPY' });
    expect(quote.gross).toEqual({ amount: 225, currency: 'JPY' });
    expect(quote.fx).toEqual({ from: { amount: 150, currency: 'USD' }, rate: '150', asOf: '2026-01-01T00:00:00.000Z' });
    expect(quoteVotes({ ...base, votes: 7, currency: 'KWD' }).gross).toEqual({ amount: 1075, currency: 'KWD' });
  });

  it('uses the newest rate', () => {
    const newer: FxRate = { ...usdJpy, rate: '160', asOf: at('2026-01-01T05:00:00Z') };
    expect(quoteVotes({ ...base, rates: [usdJpy, newer], votes: 2, currency: 'JPY' }).gross.amount).toBe(160);
  });

  it('applies the tax rule of the buyer country', () => {
    const taxRules: TaxRule[] = [{ country: 'GB', rate: '0.2', mode: 'exclusive' }, { country: 'JP', rate: '0.1', mode: 'inclusive' }];
    expect(quoteVotes({ ...base, taxRules, country: 'GB', votes: 10, currency: 'USD' })).toMatchObject({ net: { amount: 500 }, tax: { amount: 100 }, gross: { amount: 600 } });
    expect(quoteVotes({ ...base, taxRules, country: 'JP', votes: 2, currency: 'JPY' })).toMatchObject({ net: { amount: 136 }, tax: { amount: 14 }, gross: { amount: 150 } });
  });

  it('refuses stale rates, unknown currencies, missing prices and bad vote counts', () => {
    expect(codeOf(() => quoteVotes({ ...base, now: at('2026-01-03T00:00:00Z'), votes: 1, currency: 'JPY' }))).toBe('PAYMENTS.FX_RATE_STALE');
    expect(codeOf(() => quoteVotes({ ...base, votes: 1, currency: 'XYZ' }))).toBe('PAYMENTS.UNSUPPORTED_CURRENCY');
    expect(codeOf(() => quoteVotes({ ...base, votes: 1, currency: 'EUR' }))).toBe('PAYMENTS.NO_PRICE');
    expect(codeOf(() => quoteVotes({ ...base, votes: 0, currency: 'USD' }))).toBe('PAYMENTS.INVALID_VOTES');
    expect(codeOf(() => quoteVotes({ ...base, votes: 1.5, currency: 'USD' }))).toBe('PAYMENTS.INVALID_VOTES');
  });
});
