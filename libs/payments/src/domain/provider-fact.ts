import { Money } from './money';
import { PaymentAccount } from './payment-account';
import { PaymentProviderName } from './payment.events';

/**
 * What a provider told us about a payment, in Tally's terms. Provider adapters translate their
 * webhook events (and reconciliation listings) into these; the payment decider never sees a
 * provider's own shapes.
 */
export type ProviderFact =
  | {
      kind: 'payment_succeeded';
      providerPaymentId: string;
      amount: Money;
      paymentMethod: string | null;
      /** The card's fingerprint (Stripe's `card.fingerprint`: one card number, one fingerprint within the account), when the provider said. */
      cardFingerprint?: string | null;
    }
  | { kind: 'payment_failed'; providerPaymentId: string; reason: string }
  /** The provider's running total of refunds for the payment (Stripe's charge.refunded): monotonic, so order does not matter. */
  | { kind: 'refund_total'; total: Money; providerRefundIds: readonly string[] }
  /** One refund that went through (Paystack's refund.processed). */
  | { kind: 'refund_succeeded'; providerRefundId: string; amount: Money }
  | { kind: 'refund_failed'; providerRefundId: string; reason: string }
  | { kind: 'dispute_opened'; disputeId: string; amount: Money; reason: string }
  | { kind: 'dispute_closed'; disputeId: string; amount: Money; outcome: 'won' | 'lost'; reason: string }
  | { kind: 'fraud_warning'; warningId: string; fraudType: string; actionable: boolean };

export type ProviderFactKind = ProviderFact['kind'];

/**
 * What our own metadata on the provider's object says about the payment, enough to rebuild a
 * payment we never recorded (the checkout append was lost, or reconciliation found it).
 */
export interface PaymentRecovery {
  provider: PaymentProviderName;
  providerPaymentId: string;
  voterId: string;
  contestId: string | null;
  votes: number;
  amount: Money;
  /** The account the provider object lives in, when known (the listing account, or the tenant whose secret signed); the platform's otherwise. */
  account?: PaymentAccount;
}
