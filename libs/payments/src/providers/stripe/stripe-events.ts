import type Stripe from 'stripe';
import { money } from '../../domain/money';
import { ProviderFact } from '../../domain/provider-fact';
import { PaymentProviderName } from '../../domain/payment.events';
import { PaymentReference, referenceFromMetadata, textOf, VerifiedWebhook } from '../payment-provider.port';

export interface StripeTranslation {
  fact: ProviderFact | null;
  providerPaymentId: string | null;
  reference: Partial<PaymentReference> | null;
}

type Translator = (object: Record<string, unknown>) => StripeTranslation;

const upper = (currency: unknown): string => textOf(currency, '').toUpperCase();
const idOf = (value: unknown): string | null => (typeof value === 'string' ? value : value && typeof value === 'object' && 'id' in value ? String((value).id) : null);
const metadataOf = (object: Record<string, unknown>) => referenceFromMetadata(object.metadata as Record<string, unknown> | undefined);

const paymentIntentSucceeded: Translator = (pi) => ({
  providerPaymentId: String(pi.id),
  reference: metadataOf(pi),
  fact: {
    kind: 'payment_succeeded',
    providerPaymentId: String(pi.id),
    amount: money(Number(pi.amount_received ?? pi.amount), upper(pi.currency)),
    paymentMethod: Array.isArray(pi.payment_method_types) ? textOf(pi.payment_method_types[0], '') || null : null,
    cardFingerprint: cardFingerprintOf(pi),
  },
});

/**
 * The paying card's fingerprint on a PaymentIntent, where Stripe puts it: the charge's
 * `payment_method_details.card.fingerprint` or the PaymentMethod's `card.fingerprint`. Webhooks
 * carry them only when the object is expanded (`latest_charge`, `payment_method`), so it is often
 * null for Stripe; the sandbox always sends its charge.
 */
export function cardFingerprintOf(pi: object): string | null {
  const { latest_charge: charge, payment_method: method } = pi as { latest_charge?: unknown; payment_method?: unknown };
  const fromCharge = charge && typeof charge === 'object' ? (charge as { payment_method_details?: { card?: { fingerprint?: unknown } } }).payment_method_details?.card?.fingerprint : undefined;
  const fromMethod = method && typeof method === 'object' ? (method as { card?: { fingerprint?: unknown } }).card?.fingerprint : undefined;
  const fingerprint = fromCharge ?? fromMethod;
  return typeof fingerprint === 'string' && fingerprint !== '' ? fingerprint : null;
}

const paymentIntentFailed: Translator = (pi) => {
  const error = pi.last_payment_error as { code?: string; decline_code?: string } | null | undefined;
  const reason = pi.status === 'canceled' ? `canceled: ${textOf(pi.cancellation_reason, 'unknown')}` : (error?.decline_code ?? error?.code ?? 'payment_failed');
  return { providerPaymentId: String(pi.id), reference: metadataOf(pi), fact: { kind: 'payment_failed', providerPaymentId: String(pi.id), reason } };
};

const chargeRefunded: Translator = (charge) => {
  const refunds = (charge.refunds as { data?: { id: string }[] } | undefined)?.data ?? [];
  return {
    providerPaymentId: idOf(charge.payment_intent),
    reference: metadataOf(charge),
    fact: { kind: 'refund_total', total: money(Number(charge.amount_refunded), upper(charge.currency)), providerRefundIds: refunds.map((refund) => refund.id) },
  };
};

const refundUpdated: Translator = (refund) => ({
  providerPaymentId: idOf(refund.payment_intent),
  reference: metadataOf(refund),
  fact: refund.status === 'failed' || refund.status === 'canceled' ? { kind: 'refund_failed', providerRefundId: String(refund.id), reason: textOf(refund.failure_reason, refund.status) } : null,
});

const disputeOpened: Translator = (dispute) => ({
  providerPaymentId: idOf(dispute.payment_intent),
  reference: metadataOf(dispute),
  fact: { kind: 'dispute_opened', disputeId: String(dispute.id), amount: money(Number(dispute.amount), upper(dispute.currency)), reason: textOf(dispute.reason, 'unknown') },
});

const disputeClosed: Translator = (dispute) => ({
  providerPaymentId: idOf(dispute.payment_intent),
  reference: metadataOf(dispute),
  fact: {
    kind: 'dispute_closed',
    disputeId: String(dispute.id),
    amount: money(Number(dispute.amount), upper(dispute.currency)),
    // warning_closed: an inquiry that never became a chargeback; the money stays with us.
    outcome: dispute.status === 'lost' ? 'lost' : 'won',
    reason: textOf(dispute.reason, 'unknown'),
  },
});

const earlyFraudWarning: Translator = (warning) => ({
  providerPaymentId: idOf(warning.payment_intent),
  reference: metadataOf(warning),
  fact: { kind: 'fraud_warning', warningId: String(warning.id), fraudType: textOf(warning.fraud_type, 'unknown'), actionable: warning.actionable === true },
});

/**
 * Stripe event types Tally acts on, each to the fact it means. Anything else is recorded and
 * acknowledged. Refunds are counted from `charge.refunded`'s running total, which is monotonic
 * and so immune to reordering; `refund.*` events only report failures.
 */
export const STRIPE_EVENT_ROUTES: Readonly<Record<string, Translator>> = {
  'payment_intent.succeeded': paymentIntentSucceeded,
  'payment_intent.payment_failed': paymentIntentFailed,
  'payment_intent.canceled': paymentIntentFailed,
  'charge.refunded': chargeRefunded,
  'charge.refund.updated': refundUpdated,
  'refund.updated': refundUpdated,
  'refund.failed': refundUpdated,
  'charge.dispute.created': disputeOpened,
  'charge.dispute.closed': disputeClosed,
  'radar.early_fraud_warning.created': earlyFraudWarning,
};

export function translateStripeEvent(event: Stripe.Event): StripeTranslation {
  const route = STRIPE_EVENT_ROUTES[event.type];
  const object = event.data.object as unknown as Record<string, unknown>;
  if (!route) return { fact: null, providerPaymentId: idOf(object.payment_intent) ?? (textOf(object.id, '').startsWith('pi_') ? String(object.id) : null), reference: metadataOf(object) };
  return route(object);
}

/** A verified Stripe-shaped event as the inbox takes it; `provider` is Stripe, or the sandbox that plays it. */
export function verifiedStripeWebhook(provider: PaymentProviderName, event: Stripe.Event): VerifiedWebhook {
  const translation = translateStripeEvent(event);
  const fact = translation.fact;
  const recovery = fact?.kind === 'payment_succeeded' ? { provider, providerPaymentId: fact.providerPaymentId, amount: fact.amount } : null;
  return { provider, eventId: event.id, eventType: event.type, reference: translation.reference, providerPaymentId: translation.providerPaymentId, fact, recovery, payload: event };
}
