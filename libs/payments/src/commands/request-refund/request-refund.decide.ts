import { money } from '../../domain/money';
import { RefundRequested } from '../../domain/payment.events';
import { openDispute, PaymentState, remainingAmount } from '../../domain/payment.state';
import { PaymentsError } from '../../payments.errors';

export interface RequestRefundInput {
  paymentId: string;
  refundId: string;
  /** Minor units; the whole remaining amount when absent. */
  amount: number | null;
  reason: string;
  requestedBy: string | null;
  /** Null while validating before the provider call; the provider's refund id once it answered. */
  providerRefundId: string | null;
  now: Date;
}

/** What is left to refund: paid, minus refunded, lost in disputes, and refunds still in flight. */
export function refundableAmount(state: PaymentState): number {
  return remainingAmount(state) - state.pendingRefunds.reduce((sum, refund) => sum + refund.amount, 0);
}

/** An organizer asks for a refund: only of a completed, undisputed payment, and never more than is left. */
export function decideRequestRefund(state: PaymentState, input: RequestRefundInput): RefundRequested[] {
  if (!state.exists) throw new PaymentsError('PAYMENTS.PAYMENT_NOT_FOUND', `Payment ${input.paymentId} not found`, { paymentId: input.paymentId });
  if (state.refundIds.includes(input.refundId)) return [];
  if (openDispute(state)) throw new PaymentsError('PAYMENTS.NOT_REFUNDABLE', 'A disputed payment cannot be refunded until the dispute closes', { paymentId: input.paymentId, status: state.status });
  if (state.status !== 'completed' && state.status !== 'partially_refunded') {
    throw new PaymentsError('PAYMENTS.NOT_REFUNDABLE', `A ${state.status} payment cannot be refunded`, { paymentId: input.paymentId, status: state.status });
  }
  const left = refundableAmount(state);
  const amount = input.amount ?? left;
  if (!Number.isSafeInteger(amount) || amount <= 0 || amount > left) {
    throw new PaymentsError('PAYMENTS.REFUND_EXCEEDS_PAYMENT', `A refund must be between 1 and ${left} minor units`, { paymentId: input.paymentId, refundable: left, requested: amount });
  }
  return [
    {
      type: 'RefundRequested',
      data: {
        paymentId: input.paymentId,
        refundId: input.refundId,
        providerRefundId: input.providerRefundId,
        amount: money(amount, state.amount!.currency),
        reason: input.reason,
        requestedBy: input.requestedBy,
        at: input.now.toISOString(),
      },
    },
  ];
}
