import { money } from '../../domain/money';
import { ProviderFact } from '../../domain/provider-fact';
import { PaymentReference, referenceFromMetadata, textOf } from '../payment-provider.port';

export interface PaystackTranslation {
  fact: ProviderFact | null;
  /** Paystack identifies a payment by the reference we chose (our payment id). */
  providerPaymentId: string | null;
  reference: Partial<PaymentReference> | null;
}

type Data = Record<string, unknown>;
type Translator = (data: Data) => PaystackTranslation;

const upper = (currency: unknown): string => textOf(currency, '').toUpperCase();
const transactionOf = (data: Data): Data => (data.transaction && typeof data.transaction === 'object' ? (data.transaction as Data) : {});
const referenceOf = (data: Data): string | null => {
  const value = data.reference ?? data.transaction_reference ?? transactionOf(data).reference;
  return typeof value === 'string' ? value : null;
};
const metadataOf = (data: Data) => referenceFromMetadata((data.metadata ?? transactionOf(data).metadata) as Record<string, unknown> | undefined);

const chargeSuccess: Translator = (data) => ({
  providerPaymentId: referenceOf(data),
  reference: metadataOf(data),
  fact: { kind: 'payment_succeeded', providerPaymentId: String(referenceOf(data)), amount: money(Number(data.amount), upper(data.currency)), paymentMethod: typeof data.channel === 'string' ? data.channel : null },
});

const chargeFailed: Translator = (data) => ({
  providerPaymentId: referenceOf(data),
  reference: metadataOf(data),
  fact: { kind: 'payment_failed', providerPaymentId: String(referenceOf(data)), reason: textOf(data.gateway_response, 'failed') },
});

const refundProcessed: Translator = (data) => ({
  providerPaymentId: referenceOf(data),
  reference: metadataOf(data),
  fact: { kind: 'refund_succeeded', providerRefundId: textOf(data.id), amount: money(Number(data.amount), upper(data.currency)) },
});

const refundFailed: Translator = (data) => ({
  providerPaymentId: referenceOf(data),
  reference: metadataOf(data),
  fact: { kind: 'refund_failed', providerRefundId: textOf(data.id), reason: textOf(data.status, 'failed') },
});

const disputeCreated: Translator = (data) => ({
  providerPaymentId: referenceOf(data),
  reference: metadataOf(data),
  fact: { kind: 'dispute_opened', disputeId: textOf(data.id), amount: money(Number(data.refund_amount ?? transactionOf(data).amount ?? 0), upper(data.currency ?? transactionOf(data).currency)), reason: textOf(data.category, 'chargeback') },
});

const disputeResolved: Translator = (data) => ({
  providerPaymentId: referenceOf(data),
  reference: metadataOf(data),
  fact: {
    kind: 'dispute_closed',
    disputeId: textOf(data.id),
    amount: money(Number(data.refund_amount ?? transactionOf(data).amount ?? 0), upper(data.currency ?? transactionOf(data).currency)),
    // Paystack: "merchant-accepted" means we accepted the chargeback (the money goes back); "declined" means we won.
    outcome: data.resolution === 'declined' ? 'won' : 'lost',
    reason: textOf(data.category, 'chargeback'),
  },
});

/** Paystack event types Tally acts on; everything else is recorded and acknowledged. */
export const PAYSTACK_EVENT_ROUTES: Readonly<Record<string, Translator>> = {
  'charge.success': chargeSuccess,
  'charge.failed': chargeFailed,
  'refund.processed': refundProcessed,
  'refund.failed': refundFailed,
  'charge.dispute.create': disputeCreated,
  'charge.dispute.resolve': disputeResolved,
};

export function translatePaystackEvent(event: string, data: Data): PaystackTranslation {
  const route = PAYSTACK_EVENT_ROUTES[event];
  return route ? route(data) : { fact: null, providerPaymentId: referenceOf(data), reference: metadataOf(data) };
}
