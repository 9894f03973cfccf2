import { DomainEvent } from '@tally/eventstore';
import { Money } from './money';

export const PAYMENT_CATEGORY = 'payment';

export type ProviderName = 'stripe' | 'paystack';
export const PROVIDER_NAMES: readonly ProviderName[] = ['stripe', 'paystack'];

export type PaymentStatus = 'pending' | 'completed' | 'failed' | 'partially_refunded' | 'refunded' | 'disputed';

export type PaymentStarted = DomainEvent<
  'PaymentStarted',
  {
    paymentId: string;
    voterId: string;
    contestId: string | null;
    votes: number;
    provider: ProviderName;
    providerPaymentId: string;
    amount: Money;
    net: Money;
    tax: Money;
    taxRule: { country: string; rate: string; mode: 'inclusive' | 'exclusive' } | null;
    fx: { from: Money; rate: string; asOf: string } | null;
    /** Hash of what the client asked for, so a reused idempotency key with another body is refused. */
    requestHash: string;
    /** True when rebuilt from provider metadata (a webhook or reconciliation found a payment we had not recorded). */
    recovered: boolean;
    at: string;
  }
>;

export type PaymentCompleted = DomainEvent<
  'PaymentCompleted',
  { paymentId: string; voterId: string; votes: number; amount: Money; providerPaymentId: string; paymentMethod: string | null; at: string }
>;

export type PaymentFailed = DomainEvent<'PaymentFailed', { paymentId: string; reason: string; at: string }>;

export type RefundRequested = DomainEvent<
  'RefundRequested',
  { paymentId: string; refundId: string; providerRefundId: string | null; amount: Money; reason: string; requestedBy: string | null; at: string }
>;

export type RefundFailed = DomainEvent<'RefundFailed', { paymentId: string; refundId: string; providerRefundId: string | null; reason: string; at: string }>;

export type RefundCause = 'refund' | 'dispute_lost';

export type PaymentRefunded = DomainEvent<
  'PaymentRefunded',
  {
    paymentId: string;
    voterId: string;
    refundId: string;
    providerRefundId: string | null;
    amount: Money;
    /** Everything taken back so far (refunds and lost disputes), this one included. */
    takenBackTotal: Money;
    /** Credits to take back for this refund; spent ones are recovered by voiding votes. */
    votesRevoked: number;
    cause: RefundCause;
    at: string;
  }
>;

export type DisputeOpened = DomainEvent<
  'DisputeOpened',
  { paymentId: string; voterId: string; disputeId: string; amount: Money; reason: string; creditsToHold: number; at: string }
>;

/** The credits a dispute holds back until it closes (appended by the credits reactor). */
export type DisputeCreditsHeld = DomainEvent<'DisputeCreditsHeld', { paymentId: string; disputeId: string; credits: number; at: string }>;

export type DisputeOutcome = 'won' | 'lost';

export type DisputeClosed = DomainEvent<
  'DisputeClosed',
  { paymentId: string; voterId: string; disputeId: string; outcome: DisputeOutcome; creditsHeld: number; at: string }
>;

export type FraudWarningReceived = DomainEvent<
  'FraudWarningReceived',
  { paymentId: string; warningId: string; fraudType: string; actionable: boolean; at: string }
>;

export type PaymentEvent =
  | PaymentStarted
  | PaymentCompleted
  | PaymentFailed
  | RefundRequested
  | RefundFailed
  | PaymentRefunded
  | DisputeOpened
  | DisputeCreditsHeld
  | DisputeClosed
  | FraudWarningReceived;

export type PaymentEventType = PaymentEvent['type'];

export const PAYMENT_EVENT_TYPES: readonly PaymentEventType[] = [
  'PaymentStarted',
  'PaymentCompleted',
  'PaymentFailed',
  'RefundRequested',
  'RefundFailed',
  'PaymentRefunded',
  'DisputeOpened',
  'DisputeCreditsHeld',
  'DisputeClosed',
  'FraudWarningReceived',
];
