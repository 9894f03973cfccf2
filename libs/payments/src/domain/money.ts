import { PaymentsError } from '../payments.errors';

/**
 * Money is an integer count of a currency's minor unit (cents, fils, yen) with its ISO-4217
 * code; never a float. Arithmetic that needs fractions (tax rates, exchange rates) is done on
 * exact rationals of BigInts and rounded once, half-up (see roundHalfUp).
 */
export interface Money {
  readonly amount: number;
  readonly currency: string;
}

/**
 * ISO-4217 minor-unit exponents of the currencies Tally charges in. The list is closed on
 * purpose: a currency we do not know the exponent of cannot be charged correctly.
 */
export const MINOR_UNIT_EXPONENTS: Readonly<Record<string, 0 | 2 | 3>> = Object.freeze({
  // zero-decimal
  JPY: 0, KRW: 0, CLP: 0, ISK: 0, VND: 0, UGX: 0, RWF: 0, XOF: 0, XAF: 0, PYG: 0, GNF: 0,
  // three-decimal
  KWD: 3, BHD: 3, JOD: 3, OMR: 3, TND: 3, IQD: 3, LYD: 3,
  // two-decimal
  USD: 2, EUR: 2, GBP: 2, CAD: 2, AUD: 2, NZD: 2, CHF: 2, SEK: 2, NOK: 2, DKK: 2, PLN: 2, CZK: 2,
  INR: 2, CNY: 2, HKD: 2, SGD: 2, MXN: 2, BRL: 2, ZAR: 2, NGN: 2, GHS: 2, KES: 2, EGP: 2, MAD: 2,
  TZS: 2, ZMW: 2, XCD: 2, AED: 2, SAR: 2, TRY: 2, PHP: 2, IDR: 2, MYR: 2, THB: 2,
});

export function isKnownCurrency(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(MINOR_UNIT_EXPONENTS, code);
}

export function minorUnitExponent(currency: string): number {
  const exponent = MINOR_UNIT_EXPONENTS[currency];
  if (exponent === undefined) {
    throw new PaymentsError('PAYMENTS.UNSUPPORTED_CURRENCY', `Currency ${currency} is not supported`, { currency });
  }
  return exponent;
}

export function money(amount: number, currency: string): Money {
  minorUnitExponent(currency);
  if (!Number.isSafeInteger(amount)) throw new RangeError(`Money amounts are whole minor units, got ${amount}`);
  return Object.freeze({ amount, currency });
}

export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.amount + b.amount, a.currency);
}

export function subtractMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.amount - b.amount, a.currency);
}

export function multiplyMoney(a: Money, factor: number): Money {
  if (!Number.isSafeInteger(factor)) throw new RangeError(`Multiply money by whole numbers only, got ${factor}`);
  return money(a.amount * factor, a.currency);
}

function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new RangeError(`Currency mismatch: ${a.currency} and ${b.currency}`);
}

/** "12.34 USD", "1000 JPY", "1.234 KWD": the major-unit text of an amount. */
export function formatMoney(value: Money): string {
  const exponent = minorUnitExponent(value.currency);
  const sign = value.amount < 0 ? '-' : '';
  const digits = String(Math.abs(value.amount)).padStart(exponent + 1, '0');
  const major = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  return `${sign}${major} ${value.currency}`;
}

/** An exact non-negative rational, for rates. */
export interface Ratio {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

/** Parses a plain decimal ("0.2", "1.0823", "150") into an exact ratio; no exponents, no signs. */
export function parseDecimal(text: string): Ratio {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new RangeError(`Not a non-negative decimal: "${text}"`);
  const fraction = match[2] ?? '';
  return { numerator: BigInt(match[1] + fraction), denominator: 10n ** BigInt(fraction.length) };
}

/**
 * Rounds numerator/denominator to the nearest integer, halves away from zero ("half-up" as tax
 * authorities and card networks use it; chosen over banker's rounding because invoices and
 * provider charges must agree with what a customer computes by hand).
 */
export function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('Division by zero');
  if (denominator < 0n) return roundHalfUp(-numerator, -denominator);
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const rounded = (2n * magnitude + denominator) / (2n * denominator);
  return negative ? -rounded : rounded;
}

export function toSafeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`Amount out of range: ${value}`);
  }
  return Number(value);
}
