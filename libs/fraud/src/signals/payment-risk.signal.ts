import { anyOf, ramp, roundRisk, SignalResult } from './signal';

export interface PaymentRiskInput {
  payments: number;
  refunds: number;
  disputes: number;
  /** Early fraud warnings from the card issuer (Stripe Radar). */
  fraudWarnings: number;
}

/** Money that came back: refunds a little, chargebacks and issuers' fraud warnings a lot (card testing, stolen cards). */
export function scorePaymentRisk(input: PaymentRiskInput): SignalResult {
  const risk = roundRisk(anyOf(ramp(input.refunds, 0, 3) * 0.6, Math.min(1, input.disputes * 0.5), Math.min(1, input.fraudWarnings * 0.6)));
  const reason = risk === 0 ? (input.payments ? 'payments in good standing' : 'no payments') : `${input.refunds} refunds, ${input.disputes} disputes, ${input.fraudWarnings} fraud warnings over ${input.payments} payments`;
  return { signal: 'paymentRisk', risk, reason, inputs: { ...input } };
}
