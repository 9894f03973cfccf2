import { DomainEvent } from '@tally/eventstore';
import { Money } from './money';
import { PaymentAccount } from './payment-account';

export const PAYMENT_CATEGORY = 'payment';

/** Providers with accounts and keys: the platform's (environment) or a tenant's own. */
export type ProviderName = 'stripe' | 'paystack';
export const PROVIDER_NAMES: readonly ProviderName[] = ['stripe', 'paystack'];

/**
 * Every provider a payment can be made with: the keyed ones, and the local sandbox (Stripe's
 * test mode played in-process, for the embedded mode; it has no keys a tenant could set).
 */
export type PaymentProviderName = ProviderName | 'sandbox';

export type PaymentStatus = 'pending' | 'completed' | 'failed' | 'partially_refunded' | 'refunded' | 'disputed';

export type PaymentStarted = DomainEvent<
  'PaymentStarted',
  {
    paymentId: string;
    voterId: string;
    contestId: string | null;
    votes: number;
    provider: PaymentProviderName;
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
    /**
     * The provider account the payment was made with (schema v2). Events written before it
     * are upcast to the platform's account, the only one there was then.
     */
    account?: PaymentAccount;
    at: string;
  }
>;

/** PaymentStarted v2 carries `account`. */
export const PAYMENT_STARTED_SCHEMA_VERSION = 2;

export type PaymentCompleted = DomainEvent<
  'PaymentCompleted',
  {
    paymentId: string;
    voterId: string;
    votes: number;
    amount: Money;
    providerPaymentId: string;
    paymentMethod: string | null;
    /** The paying card's fingerprint when the provider gave one (fraud counts the accounts that pay with one card); absent otherwise. */
    cardFingerprint?: string;
    at: string;
  }
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

/** Superseded by PaymentCreditsHeld; still folded so streams written before it read the same. */
export type DisputeCreditsHeld = DomainEvent<'DisputeCreditsHeld', { paymentId: string; disputeId: string; credits: number; at: string }>;

export type CreditHoldCause = 'dispute' | 'fraud_warning';

/**
 * Credits of the payment taken off the voter's balance while its money is in doubt (a dispute
 * or an early fraud warning), appended by the credits reactor once per hold request (`holdId`,
 * the dispute or warning id). A payment's credits are held at most once in total: a dispute
 * after a warning holds only what the warning did not.
 */
export type PaymentCreditsHeld = DomainEvent<'PaymentCreditsHeld', { paymentId: string; holdId: string; cause: CreditHoldCause; credits: number; at: string }>;

/**
 * Held credits leaving the hold: `returned` to the voter (the dispute was won), or `taken_back`
 * by a refund or a lost dispute, which then revokes only what the hold did not already take.
 */
export type PaymentCreditsReleased = DomainEvent<
  'PaymentCreditsReleased',
  { paymentId: string; releaseId: string; credits: number; outcome: 'returned' | 'taken_back'; at: string }
>;

/**
 * An organizer (or admin) gave held credits back by hand: an early fraud warning that no
 * dispute or refund followed. Recorded here with who and why; the credits reactor then grants
 * them back under an id derived from `releaseId`.
 */
export type PaymentHoldReleased = DomainEvent<
  'PaymentHoldReleased',
  { paymentId: string; voterId: string; releaseId: string; credits: number; reason: string; releasedBy: string | null; at: string }
>;

export type DisputeOutcome = 'won' | 'lost';

export type DisputeClosed = DomainEvent<
  'DisputeClosed',
  { paymentId: string; voterId: string; disputeId: string; outcome: DisputeOutcome; creditsHeld: number; at: string }
>;

/** A provider's early fraud warning (Stripe Radar): the card issuer reported the charge as fraud. */
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
  | FraudWarningReceived
  | PaymentCreditsHeld
  | PaymentCreditsReleased
  | PaymentHoldReleased;

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
  'PaymentCreditsHeld',
  'PaymentCreditsReleased',
  'PaymentHoldReleased',
];
