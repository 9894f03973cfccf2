import { anyOf, ramp, roundRisk, SignalResult } from './signal';

export interface CardSharingInput {
  /** Distinct cards (provider fingerprints) the account paid with. */
  cards: number;
  /** The most accounts that paid with any one of this account's cards, this one included; 0 when no card is known. */
  accountsOnCard: number;
}

export interface PaymentRiskInput extends CardSharingInput {
  payments: number;
  refunds: number;
  disputes: number;
  /** Early fraud warnings from the card issuer (Stripe Radar). */
  fraudWarnings: number;
}

/**
 * Accounts linked by a payment card: one card paying for several accounts is one person (or one
 * farm) behind them, and one account paying with many cards is card testing. A family sharing a
 * card is common, so two accounts weigh little and five or more fully; four cards are nothing
 * unusual, nine are.
 */
export function cardSharingRisk({ cards, accountsOnCard }: CardSharingInput): number {
  return Math.max(ramp(accountsOnCard, 1, 5), ramp(cards, 4, 9));
}

/**
 * Money that came back: refunds a little, chargebacks and issuers' fraud warnings a lot (card
 * testing, stolen cards); and cards shared across accounts (cardSharingRisk).
 */
export function scorePaymentRisk(input: PaymentRiskInput): SignalResult {
  const sharing = cardSharingRisk(input);
  const risk = roundRisk(anyOf(ramp(input.refunds, 0, 3) * 0.6, Math.min(1, input.disputes * 0.5), Math.min(1, input.fraudWarnings * 0.6), sharing));
  const reasons = [
    (input.refunds > 0 || input.disputes > 0 || input.fraudWarnings > 0) && `${input.refunds} refunds, ${input.disputes} disputes, ${input.fraudWarnings} fraud warnings over ${input.payments} payments`,
    sharing > 0 && `a card shared by ${input.accountsOnCard} accounts, ${input.cards} cards on this account`,
  ].filter(Boolean);
  const reason = reasons.length > 0 ? reasons.join('; ') : input.payments ? 'payments in good standing' : 'no payments';
  return {
    signal: 'paymentRisk',
    risk,
    reason,
    inputs: { payments: input.payments, refunds: input.refunds, disputes: input.disputes, fraudWarnings: input.fraudWarnings, cards: input.cards, accountsOnCard: input.accountsOnCard },
  };
}
