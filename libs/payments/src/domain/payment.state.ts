import { StreamDecider, streamName } from '@tally/eventstore';
import { Money } from './money';
import { PaymentAccount, PLATFORM_ACCOUNT } from './payment-account';
import { PAYMENT_CATEGORY, PaymentEvent, PaymentProviderName, PaymentStatus } from './payment.events';

export interface PendingRefund {
  readonly refundId: string;
  readonly providerRefundId: string | null;
  readonly amount: number;
}

export interface DisputeState {
  readonly disputeId: string;
  readonly amount: number;
  readonly open: boolean;
  readonly creditsHeld: number | null;
}

export interface FraudWarningState {
  readonly warningId: string;
  readonly fraudType: string;
  readonly actionable: boolean;
  readonly at: string;
}

export interface CreditRelease {
  readonly releaseId: string;
  readonly credits: number;
}

export interface PaymentState {
  readonly exists: boolean;
  readonly paymentId: string;
  readonly voterId: string;
  readonly contestId: string | null;
  readonly votes: number;
  readonly provider: PaymentProviderName | null;
  /** The provider account the payment was made with; its refunds and reconciliation use that account only. */
  readonly account: PaymentAccount;
  readonly providerPaymentId: string | null;
  readonly amount: Money | null;
  readonly requestHash: string | null;
  readonly status: PaymentStatus;
  readonly startedAt: string | null;
  readonly updatedAt: string | null;
  /** Taken back by provider refunds (what the provider reports as refunded). */
  readonly refunded: number;
  /** Taken back by lost disputes. */
  readonly disputeLosses: number;
  readonly votesRevoked: number;
  readonly pendingRefunds: readonly PendingRefund[];
  readonly refundIds: readonly string[];
  readonly providerRefundIds: readonly string[];
  readonly disputes: readonly DisputeState[];
  readonly fraudWarnings: readonly FraudWarningState[];
  /** Credits off the voter's balance while a dispute or fraud warning is unresolved. */
  readonly creditsHeld: number;
  /** Disputes and warnings whose hold the credits reactor has already applied. */
  readonly holdIds: readonly string[];
  /** Releases of held credits already recorded, with how many each released. */
  readonly releases: readonly CreditRelease[];
}

export const initialPaymentState = (): PaymentState => ({
  exists: false,
  paymentId: '',
  voterId: '',
  contestId: null,
  votes: 0,
  provider: null,
  account: PLATFORM_ACCOUNT,
  providerPaymentId: null,
  amount: null,
  requestHash: null,
  status: 'pending',
  startedAt: null,
  updatedAt: null,
  refunded: 0,
  disputeLosses: 0,
  votesRevoked: 0,
  pendingRefunds: [],
  refundIds: [],
  providerRefundIds: [],
  disputes: [],
  fraudWarnings: [],
  creditsHeld: 0,
  holdIds: [],
  releases: [],
});

/** The payment's credits neither taken back nor already held: what a new hold may take. */
export const holdableCredits = (state: PaymentState): number => Math.max(0, state.votes - state.votesRevoked - state.creditsHeld);

/** Minor units still held: neither refunded nor lost in a dispute. */
export const remainingAmount = (state: PaymentState): number => (state.amount?.amount ?? 0) - state.refunded - state.disputeLosses;

/** The status of a completed payment with no open dispute, from what was taken back. */
export function settledStatus(state: PaymentState): PaymentStatus {
  if (remainingAmount(state) <= 0) return 'refunded';
  return state.refunded + state.disputeLosses > 0 ? 'partially_refunded' : 'completed';
}

export const openDispute = (state: PaymentState): DisputeState | undefined => state.disputes.find((dispute) => dispute.open);

export function evolvePayment(state: PaymentState, event: PaymentEvent): PaymentState {
  const next = evolveFacts(state, event);
  return { ...next, updatedAt: event.data.at, startedAt: next.startedAt ?? event.data.at };
}

function evolveFacts(state: PaymentState, event: PaymentEvent): PaymentState {
  switch (event.type) {
    case 'PaymentStarted': {
      const data = event.data;
      return {
        ...state,
        exists: true,
        paymentId: data.paymentId,
        voterId: data.voterId,
        contestId: data.contestId,
        votes: data.votes,
        provider: data.provider,
        account: data.account ?? PLATFORM_ACCOUNT,
        providerPaymentId: data.providerPaymentId,
        amount: data.amount,
        requestHash: data.requestHash,
        status: 'pending',
      };
    }
    case 'PaymentCompleted':
      return { ...state, status: 'completed', providerPaymentId: event.data.providerPaymentId };
    case 'PaymentFailed':
      return { ...state, status: 'failed' };
    case 'RefundRequested':
      return {
        ...state,
        refundIds: [...state.refundIds, event.data.refundId],
        pendingRefunds: [...state.pendingRefunds, { refundId: event.data.refundId, providerRefundId: event.data.providerRefundId, amount: event.data.amount.amount }],
      };
    case 'RefundFailed':
      return { ...state, pendingRefunds: state.pendingRefunds.filter((refund) => refund.refundId !== event.data.refundId) };
    case 'PaymentRefunded': {
      const data = event.data;
      const refunded = data.cause === 'refund' ? state.refunded + data.amount.amount : state.refunded;
      const disputeLosses = data.cause === 'dispute_lost' ? state.disputeLosses + data.amount.amount : state.disputeLosses;
      const next: PaymentState = {
        ...state,
        refunded,
        disputeLosses,
        votesRevoked: state.votesRevoked + data.votesRevoked,
        pendingRefunds: state.pendingRefunds.filter((refund) => refund.refundId !== data.refundId),
        refundIds: state.refundIds.includes(data.refundId) ? state.refundIds : [...state.refundIds, data.refundId],
        providerRefundIds: data.providerRefundId && !state.providerRefundIds.includes(data.providerRefundId) ? [...state.providerRefundIds, data.providerRefundId] : state.providerRefundIds,
      };
      return openDispute(next) ? next : { ...next, status: settledStatus(next) };
    }
    case 'DisputeOpened':
      return {
        ...state,
        status: 'disputed',
        disputes: [...state.disputes, { disputeId: event.data.disputeId, amount: event.data.amount.amount, open: true, creditsHeld: null }],
      };
    case 'DisputeCreditsHeld':
      return withHold(state, event.data.disputeId, event.data.credits);
    case 'PaymentCreditsHeld':
      return withHold(state, event.data.holdId, event.data.credits);
    case 'PaymentCreditsReleased':
    case 'PaymentHoldReleased':
      return {
        ...state,
        creditsHeld: state.creditsHeld - event.data.credits,
        releases: [...state.releases, { releaseId: event.data.releaseId, credits: event.data.credits }],
      };
    case 'DisputeClosed': {
      const disputes = state.disputes.map((d) => (d.disputeId === event.data.disputeId ? { ...d, open: false } : d));
      const next = { ...state, disputes };
      return openDispute(next) ? next : { ...next, status: settledStatus(next) };
    }
    case 'FraudWarningReceived': {
      const { warningId, fraudType, actionable, at } = event.data;
      return { ...state, fraudWarnings: [...state.fraudWarnings, { warningId, fraudType, actionable, at }] };
    }
    default:
      return assertNever(event);
  }
}

/** A hold applied: the credits are off the balance, and a dispute's own share is noted on it. */
function withHold(state: PaymentState, holdId: string, credits: number): PaymentState {
  return {
    ...state,
    creditsHeld: state.creditsHeld + credits,
    holdIds: [...state.holdIds, holdId],
    disputes: state.disputes.map((d) => (d.disputeId === holdId ? { ...d, creditsHeld: credits } : d)),
  };
}

export const paymentDecider: StreamDecider<PaymentState, PaymentEvent> = {
  aggregate: 'payment',
  initialState: initialPaymentState,
  evolve: evolvePayment,
};

export const paymentStream = (tenantId: string, paymentId: string): string => streamName(PAYMENT_CATEGORY, tenantId, paymentId);

/** The payment id of a `payment-<tenant>.<id>` stream. */
export function paymentIdOfStream(streamId: string): string {
  return streamId.slice(streamId.indexOf('.') + 1);
}

function assertNever(value: never): never {
  throw new Error(`Unexpected payment event ${JSON.stringify(value)}`);
}
