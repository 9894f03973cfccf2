import { PaymentState } from '../../domain/payment.state';
import { SandboxOutcome } from '../../providers/sandbox/sandbox-cards';
import { SandboxEvent, sandboxIntentOf, sandboxPaymentEvent } from '../../providers/sandbox/sandbox-events';
import { PaymentsError } from '../../payments.errors';

export interface SandboxCompletion {
  tenantId: string;
  paymentId: string;
  /** Who asks: only the payment's voter pays for it, as only the holder of Stripe's client secret can confirm. */
  actorId: string;
  outcome: SandboxOutcome;
  /** The test card number paid with (no spaces), or null when the outcome was named instead. */
  card: string | null;
  eventId: string;
  now: Date;
}

/**
 * The webhook event a sandbox payment attempt produces. Only the voter's own sandbox payment
 * can be completed (anything else is not found, as another tenant's would be), and only while
 * it can still be paid: pending, or failed (Stripe lets a declined PaymentIntent be retried with
 * another card). A paid, refunded or disputed payment is past it.
 */
export function decideSandboxCompletion(state: PaymentState, input: SandboxCompletion): SandboxEvent {
  if (!state.exists || state.provider !== 'sandbox' || state.voterId !== input.actorId) {
    throw new PaymentsError('PAYMENTS.PAYMENT_NOT_FOUND', 'No sandbox payment of yours with this id', { paymentId: input.paymentId });
  }
  if (state.status !== 'pending' && state.status !== 'failed') {
    throw new PaymentsError('PAYMENTS.SANDBOX_NOT_COMPLETABLE', `Payment ${input.paymentId} is ${state.status}; only a pending or failed payment can be paid`, { paymentId: input.paymentId, status: state.status });
  }
  return sandboxPaymentEvent(sandboxIntentOf(input.tenantId, state), input.outcome, input.eventId, input.now, input.card);
}
