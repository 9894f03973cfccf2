import { DomainError, ProblemCatalog, ProblemDefinition } from '@tally/platform';

export type PaymentsErrorCode =
  | 'PAYMENTS.UNSUPPORTED_CURRENCY'
  | 'PAYMENTS.INVALID_VOTES'
  | 'PAYMENTS.NO_PRICE'
  | 'PAYMENTS.FX_RATE_STALE'
  | 'PAYMENTS.PAYMENT_NOT_FOUND'
  | 'PAYMENTS.USER_NOT_FOUND'
  | 'PAYMENTS.UNKNOWN_PAYMENT'
  | 'PAYMENTS.AMOUNT_MISMATCH'
  | 'PAYMENTS.NOT_REFUNDABLE'
  | 'PAYMENTS.REFUND_EXCEEDS_PAYMENT'
  | 'PAYMENTS.IDEMPOTENCY_MISMATCH'
  | 'PAYMENTS.PROVIDER_NOT_CONFIGURED'
  | 'PAYMENTS.PROVIDER_ERROR'
  | 'PAYMENTS.INVALID_SIGNATURE'
  | 'PAYMENTS.WEBHOOK_NOT_CONFIGURED'
  | 'PAYMENTS.RAW_BODY_MISSING'
  | 'PAYMENTS.INVALID_CURSOR'
  | 'PAYMENTS.EVENT_NOT_FOUND'
  | 'PAYMENTS.EVENT_CLOSED'
  | 'PAYMENTS.FORBIDDEN'
  | 'PAYMENTS.INVALID_SETTINGS'
  | 'PAYMENTS.ACCOUNT_KEYS_GONE'
  | 'PAYMENTS.HOLD_NOT_RELEASABLE'
  | 'PAYMENTS.ACCOUNT_MISMATCH'
  | 'PAYMENTS.SANDBOX_NOT_COMPLETABLE'
  | 'PAYMENTS.SANDBOX_CARD_UNKNOWN'
  | 'PAYMENTS.SANDBOX_DELIVERY_REFUSED'
  | 'PAYMENTS.SANDBOX_OFF'
  | 'PAYMENTS.SANDBOX_SUBSCRIPTION_NOT_FOUND'
  | 'PAYMENTS.SANDBOX_NOT_BILLABLE';

export const PAYMENTS_PROBLEMS: Record<PaymentsErrorCode, ProblemDefinition> = {
  'PAYMENTS.UNSUPPORTED_CURRENCY': { status: 422, slug: 'unsupported-currency', title: 'Currency not supported' },
  'PAYMENTS.INVALID_VOTES': { status: 422, slug: 'invalid-votes', title: 'Invalid number of votes' },
  'PAYMENTS.NO_PRICE': { status: 422, slug: 'no-price', title: 'No price in this currency' },
  'PAYMENTS.FX_RATE_STALE': { status: 422, slug: 'fx-rate-stale', title: 'Exchange rate too old' },
  'PAYMENTS.PAYMENT_NOT_FOUND': { status: 404, slug: 'payment-not-found', title: 'Payment not found' },
  'PAYMENTS.USER_NOT_FOUND': { status: 404, slug: 'user-not-found', title: 'No such user in this tenant' },
  'PAYMENTS.UNKNOWN_PAYMENT': { status: 404, slug: 'unknown-payment', title: 'Payment not recorded' },
  'PAYMENTS.AMOUNT_MISMATCH': { status: 409, slug: 'payment-amount-mismatch', title: 'Provider amount does not match the payment' },
  'PAYMENTS.NOT_REFUNDABLE': { status: 409, slug: 'payment-not-refundable', title: 'Payment cannot be refunded in its state' },
  'PAYMENTS.REFUND_EXCEEDS_PAYMENT': { status: 422, slug: 'refund-exceeds-payment', title: 'Refund exceeds what is left of the payment' },
  'PAYMENTS.IDEMPOTENCY_MISMATCH': { status: 422, slug: 'idempotency-key-reused', title: 'Idempotency key reused with another request' },
  'PAYMENTS.PROVIDER_NOT_CONFIGURED': { status: 503, slug: 'payment-provider-not-configured', title: 'Payment provider not configured' },
  'PAYMENTS.PROVIDER_ERROR': { status: 502, slug: 'payment-provider-error', title: 'Payment provider error' },
  'PAYMENTS.INVALID_SIGNATURE': { status: 400, slug: 'invalid-webhook-signature', title: 'Invalid webhook signature' },
  'PAYMENTS.WEBHOOK_NOT_CONFIGURED': { status: 503, slug: 'webhook-not-configured', title: 'Webhook secret not configured' },
  'PAYMENTS.RAW_BODY_MISSING': { status: 400, slug: 'webhook-body-missing', title: 'Webhook body missing' },
  'PAYMENTS.INVALID_CURSOR': { status: 422, slug: 'invalid-cursor', title: 'Invalid cursor' },
  // The same problem types as voting's for the same facts, so clients handle them once.
  'PAYMENTS.EVENT_NOT_FOUND': { status: 404, slug: 'event-not-found', title: 'No such event' },
  'PAYMENTS.EVENT_CLOSED': { status: 409, slug: 'event-closed', title: 'The event takes no more paid votes' },
  'PAYMENTS.FORBIDDEN': { status: 403, slug: 'forbidden', title: 'Not allowed' },
  'PAYMENTS.INVALID_SETTINGS': { status: 422, slug: 'invalid-payment-settings', title: 'Invalid payment settings' },
  'PAYMENTS.ACCOUNT_KEYS_GONE': { status: 409, slug: 'payment-account-keys-gone', title: "The keys of the payment's provider account are gone" },
  'PAYMENTS.HOLD_NOT_RELEASABLE': { status: 409, slug: 'credit-hold-not-releasable', title: 'No held credits can be released' },
  'PAYMENTS.ACCOUNT_MISMATCH': { status: 409, slug: 'payment-account-mismatch', title: 'Another provider account reported this payment' },
  'PAYMENTS.SANDBOX_NOT_COMPLETABLE': { status: 409, slug: 'sandbox-payment-not-completable', title: 'The sandbox payment is past completing' },
  'PAYMENTS.SANDBOX_CARD_UNKNOWN': { status: 422, slug: 'sandbox-card-unknown', title: 'Not a sandbox test card' },
  'PAYMENTS.SANDBOX_DELIVERY_REFUSED': { status: 502, slug: 'sandbox-delivery-refused', title: "The webhook route refused the sandbox's delivery" },
  // Production (or PAYMENTS_SANDBOX=false): the sandbox's controls answer as if they did not exist.
  'PAYMENTS.SANDBOX_OFF': { status: 404, slug: 'sandbox-off', title: 'The payment sandbox is off' },
  'PAYMENTS.SANDBOX_SUBSCRIPTION_NOT_FOUND': { status: 404, slug: 'sandbox-subscription-not-found', title: 'No such sandbox subscription' },
  'PAYMENTS.SANDBOX_NOT_BILLABLE': { status: 409, slug: 'sandbox-subscription-not-billable', title: 'The sandbox subscription cannot be billed so' },
};

ProblemCatalog.register<PaymentsErrorCode>(PAYMENTS_PROBLEMS);

/** A refusal of the payments context; its code maps to a problem type above. */
export class PaymentsError extends DomainError<PaymentsErrorCode> {
  constructor(code: PaymentsErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
}
