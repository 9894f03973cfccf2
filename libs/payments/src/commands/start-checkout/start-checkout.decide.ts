import { DomainError } from '@tally/platform';
import { PaymentStarted, ProviderName } from '../../domain/payment.events';
import { PaymentState } from '../../domain/payment.state';
import { Quote } from '../../domain/pricing';

export interface StartPaymentInput {
  paymentId: string;
  voterId: string;
  contestId: string | null;
  provider: ProviderName;
  providerPaymentId: string;
  quote: Quote;
  requestHash: string;
  now: Date;
}

/**
 * Records a checkout. The payment id is derived from the client's idempotency key, so a retry
 * finds the payment already started and changes nothing; the same key with another request
 * is refused.
 */
export function decideStartPayment(state: PaymentState, input: StartPaymentInput): PaymentStarted[] {
  if (state.exists) {
    if (state.requestHash !== input.requestHash) throw idempotencyMismatch(input.paymentId);
    return [];
  }
  const { quote } = input;
  return [
    {
      type: 'PaymentStarted',
      data: {
        paymentId: input.paymentId,
        voterId: input.voterId,
        contestId: input.contestId,
        votes: quote.votes,
        provider: input.provider,
        providerPaymentId: input.providerPaymentId,
        amount: quote.gross,
        net: quote.net,
        tax: quote.tax,
        taxRule: quote.rule ? { country: quote.rule.country, rate: quote.rule.rate, mode: quote.rule.mode } : null,
        fx: quote.fx,
        requestHash: input.requestHash,
        recovered: false,
        at: input.now.toISOString(),
      },
    },
  ];
}

/** Refuses early when a retried checkout's key was first used for another request. */
export function assertSameCheckout(state: PaymentState, paymentId: string, requestHash: string): void {
  if (state.exists && state.requestHash !== requestHash) throw idempotencyMismatch(paymentId);
}

function idempotencyMismatch(paymentId: string): DomainError {
  return new DomainError('PAYMENTS.IDEMPOTENCY_MISMATCH', 'This Idempotency-Key was already used for another checkout', { paymentId });
}
