import { money, Money } from '../../domain/money';
import { describeAccount, PaymentAccount, PLATFORM_ACCOUNT, sameAccount } from '../../domain/payment-account';
import { PAYMENT_STARTED_SCHEMA_VERSION, PaymentCompleted, PaymentEvent, PaymentRefunded, PaymentStarted, RefundCause } from '../../domain/payment.events';
import { evolvePayment, holdableCredits, openDispute, PaymentState, remainingAmount } from '../../domain/payment.state';
import { PaymentRecovery, ProviderFact } from '../../domain/provider-fact';
import { PaymentsError } from '../../payments.errors';

export interface ProviderFactContext {
  paymentId: string;
  now: Date;
  /** From our metadata on the provider object; lets a payment we never recorded be rebuilt. */
  recovery: PaymentRecovery | null;
  /**
   * The provider account that reported the fact, when the caller asked one (reconciliation):
   * only the payment's own account speaks for it. Webhooks leave it out (their signature is
   * checked per tenant instead).
   */
  account?: PaymentAccount;
}

/**
 * Applies what a provider reports to a payment. Provider facts already happened, so this
 * tolerates repeats and any order: a duplicate changes nothing, a refund or dispute that
 * arrives before the success implies the success, a late failure after a success is stale.
 * What cannot be true (an unknown payment, another amount, more refunded than paid) is refused.
 */
export function decideProviderFact(state: PaymentState, fact: ProviderFact, context: ProviderFactContext): PaymentEvent[] {
  const events: PaymentEvent[] = [];
  let current = state;
  const push = (event: PaymentEvent): void => {
    events.push(event);
    current = evolvePayment(current, event);
  };
  const at = context.now.toISOString();

  if (!current.exists) {
    if (!context.recovery) {
      throw new PaymentsError('PAYMENTS.UNKNOWN_PAYMENT', `No payment ${context.paymentId} is recorded`, { paymentId: context.paymentId });
    }
    push(recoveredStart(context.paymentId, context.recovery, at));
  } else if (context.account && !sameAccount(current.account, context.account)) {
    throw new PaymentsError('PAYMENTS.ACCOUNT_MISMATCH', `Payment ${context.paymentId} was made on ${describeAccount(current.account)}; ${describeAccount(context.account)} cannot speak for it`, {
      paymentId: context.paymentId,
    });
  }
  const ensureCompleted = (providerPaymentId: string, amount: Money | null, paymentMethod: string | null, cardFingerprint: string | null): void => {
    if (current.status !== 'pending' && current.status !== 'failed') return;
    if (amount) assertSameAmount(current, amount);
    push(completed(current, providerPaymentId, paymentMethod, cardFingerprint, at));
  };

  switch (fact.kind) {
    case 'payment_succeeded':
      ensureCompleted(fact.providerPaymentId, fact.amount, fact.paymentMethod, fact.cardFingerprint ?? null);
      break;
    case 'payment_failed':
      // Only a pending payment can fail; a failure reported after success is a stale attempt.
      if (current.status === 'pending') push({ type: 'PaymentFailed', data: { paymentId: current.paymentId, reason: fact.reason, at } });
      break;
    case 'refund_total': {
      ensureCompleted(current.providerPaymentId ?? '', null, null, null);
      assertSameCurrency(current, fact.total);
      const delta = fact.total.amount - current.refunded;
      if (delta <= 0) break;
      if (fact.total.amount + current.disputeLosses > (current.amount?.amount ?? 0)) refuseOverRefund(current, fact.total.amount);
      for (const event of attributeRefund(current, delta, fact.providerRefundIds, at)) push(event);
      break;
    }
    case 'refund_succeeded': {
      ensureCompleted(current.providerPaymentId ?? '', null, null, null);
      assertSameCurrency(current, fact.amount);
      if (current.providerRefundIds.includes(fact.providerRefundId)) break;
      if (fact.amount.amount > remainingAmount(current)) refuseOverRefund(current, current.refunded + fact.amount.amount);
      const pending = current.pendingRefunds.find((refund) => refund.providerRefundId === fact.providerRefundId);
      const refundId = pending?.refundId ?? `ext-${fact.providerRefundId}`;
      push(refunded(current, refundId, fact.providerRefundId, fact.amount.amount, 'refund', at));
      break;
    }
    case 'refund_failed': {
      const pending = current.pendingRefunds.find((refund) => refund.providerRefundId === fact.providerRefundId);
      if (pending) push({ type: 'RefundFailed', data: { paymentId: current.paymentId, refundId: pending.refundId, providerRefundId: fact.providerRefundId, reason: fact.reason, at } });
      break;
    }
    case 'dispute_opened':
      ensureCompleted(current.providerPaymentId ?? '', null, null, null);
      if (current.disputes.some((dispute) => dispute.disputeId === fact.disputeId)) break;
      push({ type: 'DisputeOpened', data: { paymentId: current.paymentId, voterId: current.voterId, disputeId: fact.disputeId, amount: fact.amount, reason: fact.reason, creditsToHold: holdableCredits(current), at } });
      break;
    case 'dispute_closed': {
      ensureCompleted(current.providerPaymentId ?? '', null, null, null);
      let dispute = current.disputes.find((candidate) => candidate.disputeId === fact.disputeId);
      if (!dispute) {
        // The closing arrived first: record the opening it implies.
        push({ type: 'DisputeOpened', data: { paymentId: current.paymentId, voterId: current.voterId, disputeId: fact.disputeId, amount: fact.amount, reason: fact.reason, creditsToHold: holdableCredits(current), at } });
        dispute = openDispute(current)!;
      }
      if (!dispute.open) break;
      push({
        type: 'DisputeClosed',
        data: { paymentId: current.paymentId, voterId: current.voterId, disputeId: fact.disputeId, outcome: fact.outcome, creditsHeld: dispute.creditsHeld ?? 0, at },
      });
      if (fact.outcome === 'lost') {
        const lost = Math.min(fact.amount.amount, remainingAmount(current));
        if (lost > 0) push(refunded(current, `dispute-${fact.disputeId}`, null, lost, 'dispute_lost', at));
      }
      break;
    }
    case 'fraud_warning':
      // Issuers only report settled charges, so a warning implies the success (and its credits,
      // which the warning's hold then takes) even when it overtakes the success webhook.
      ensureCompleted(current.providerPaymentId ?? '', null, null, null);
      if (!current.fraudWarnings.some((warning) => warning.warningId === fact.warningId)) {
        push({ type: 'FraudWarningReceived', data: { paymentId: current.paymentId, warningId: fact.warningId, fraudType: fact.fraudType, actionable: fact.actionable, at } });
      }
      break;
    default:
      return assertNever(fact);
  }
  return events;
}

/**
 * Credits to take back once `takenBack` minor units of the payment are returned: all of them for
 * a full return, else the proportion rounded down (a voter keeps a credit they partly paid for).
 */
export function votesToRevoke(state: PaymentState, takenBack: number): number {
  const total = state.amount?.amount ?? 0;
  if (total <= 0 || takenBack >= total) return state.votes;
  return Math.floor((state.votes * takenBack) / total);
}

/** A refund total grew by `delta`: settle pending refunds we requested first (oldest first), the rest came from elsewhere. */
function attributeRefund(state: PaymentState, delta: number, providerRefundIds: readonly string[], at: string): PaymentRefunded[] {
  const events: PaymentRefunded[] = [];
  let current = state;
  let left = delta;
  const ordered = [
    ...current.pendingRefunds.filter((refund) => refund.providerRefundId && providerRefundIds.includes(refund.providerRefundId)),
    ...current.pendingRefunds.filter((refund) => !refund.providerRefundId || !providerRefundIds.includes(refund.providerRefundId)),
  ];
  for (const pending of ordered) {
    if (pending.amount > left) continue;
    const event = refunded(current, pending.refundId, pending.providerRefundId, pending.amount, 'refund', at);
    events.push(event);
    current = evolvePayment(current, event);
    left -= pending.amount;
  }
  if (left > 0) {
    const total = current.refunded + left;
    events.push(refunded(current, `ext-${current.paymentId}-${total}`, null, left, 'refund', at));
  }
  return events;
}

function refunded(state: PaymentState, refundId: string, providerRefundId: string | null, amount: number, cause: RefundCause, at: string): PaymentRefunded {
  const currency = state.amount!.currency;
  const takenBack = state.refunded + state.disputeLosses + amount;
  return {
    type: 'PaymentRefunded',
    data: {
      paymentId: state.paymentId,
      voterId: state.voterId,
      refundId,
      providerRefundId,
      amount: money(amount, currency),
      takenBackTotal: money(takenBack, currency),
      votesRevoked: votesToRevoke(state, takenBack) - state.votesRevoked,
      cause,
      at,
    },
  };
}

function completed(state: PaymentState, providerPaymentId: string, paymentMethod: string | null, cardFingerprint: string | null, at: string): PaymentCompleted {
  return {
    type: 'PaymentCompleted',
    data: {
      paymentId: state.paymentId,
      voterId: state.voterId,
      votes: state.votes,
      amount: state.amount!,
      providerPaymentId: providerPaymentId || state.providerPaymentId || '',
      paymentMethod,
      ...(cardFingerprint ? { cardFingerprint } : {}),
      at,
    },
  };
}

function recoveredStart(paymentId: string, recovery: PaymentRecovery, at: string): PaymentStarted {
  const zero = money(0, recovery.amount.currency);
  return {
    type: 'PaymentStarted',
    schemaVersion: PAYMENT_STARTED_SCHEMA_VERSION,
    data: {
      paymentId,
      voterId: recovery.voterId,
      contestId: recovery.contestId,
      votes: recovery.votes,
      provider: recovery.provider,
      providerPaymentId: recovery.providerPaymentId,
      amount: recovery.amount,
      net: recovery.amount,
      tax: zero,
      taxRule: null,
      fx: null,
      requestHash: '',
      recovered: true,
      account: recovery.account ?? PLATFORM_ACCOUNT,
      at,
    },
  };
}

function assertSameAmount(state: PaymentState, amount: Money): void {
  if (state.amount && (state.amount.amount !== amount.amount || state.amount.currency !== amount.currency)) {
    throw new PaymentsError('PAYMENTS.AMOUNT_MISMATCH', `The provider reports ${amount.amount} ${amount.currency} for a payment of ${state.amount.amount} ${state.amount.currency}`, {
      paymentId: state.paymentId,
    });
  }
}

function assertSameCurrency(state: PaymentState, amount: Money): void {
  if (state.amount && state.amount.currency !== amount.currency) {
    throw new PaymentsError('PAYMENTS.AMOUNT_MISMATCH', `The provider reports ${amount.currency} for a payment in ${state.amount.currency}`, { paymentId: state.paymentId });
  }
}

function refuseOverRefund(state: PaymentState, total: number): never {
  throw new PaymentsError('PAYMENTS.REFUND_EXCEEDS_PAYMENT', `Refunds of ${total} exceed the payment of ${state.amount?.amount ?? 0}`, { paymentId: state.paymentId });
}

function assertNever(value: never): never {
  throw new Error(`Unexpected provider fact ${JSON.stringify(value)}`);
}
