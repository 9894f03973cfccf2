import type { ContestStatus, ContestView } from '@tally/voting';
import { PaymentAccount } from '../../domain/payment-account';
import { PAYMENT_STARTED_SCHEMA_VERSION, PaymentProviderName, PaymentStarted } from '../../domain/payment.events';
import { PaymentState } from '../../domain/payment.state';
import { Quote } from '../../domain/pricing';
import { PaymentsError } from '../../payments.errors';

export interface StartPaymentInput {
  paymentId: string;
  voterId: string;
  contestId: string | null;
  provider: PaymentProviderName;
  /** The account whose keys created the provider's payment. */
  account: PaymentAccount;
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
      schemaVersion: PAYMENT_STARTED_SCHEMA_VERSION,
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
        account: input.account,
        at: input.now.toISOString(),
      },
    },
  ];
}

/** Refuses early when a retried checkout's key was first used for another request. */
export function assertSameCheckout(state: PaymentState, paymentId: string, requestHash: string): void {
  if (state.exists && state.requestHash !== requestHash) throw idempotencyMismatch(paymentId);
}

function idempotencyMismatch(paymentId: string): PaymentsError {
  return new PaymentsError('PAYMENTS.IDEMPOTENCY_MISMATCH', 'This Idempotency-Key was already used for another checkout', { paymentId });
}

/** Statuses in which an event still sells votes: before and while voting, not once it is over. */
const SELLING_STATUSES: readonly ContestStatus[] = ['draft', 'scheduled', 'open'];

/**
 * Votes for an event are sold only while they can still be cast: the event exists in this
 * tenant (null when voting knows no such event), is not closed, finalized or cancelled, and its
 * voting window has not ended (the scheduler may not have closed it yet).
 */
export function assertEventSellsVotes(contest: Pick<ContestView, 'eventId' | 'status' | 'endDate'> | null, eventId: string, now: Date): void {
  if (!contest) throw new PaymentsError('PAYMENTS.EVENT_NOT_FOUND', `No event ${eventId} in this tenant`, { field: 'eventId', eventId });
  const ended = Date.parse(contest.endDate) <= now.getTime();
  if (!SELLING_STATUSES.includes(contest.status as ContestStatus) || ended) {
    throw new PaymentsError('PAYMENTS.EVENT_CLOSED', `Event ${eventId} takes no more paid votes (${ended && contest.status === 'open' ? 'its voting window has ended' : contest.status})`, {
      field: 'eventId',
      eventId,
      status: contest.status,
      endDate: contest.endDate,
    });
  }
}
