import { BillingFact, BillingWebhook } from './billing-fact';

type Json = Record<string, unknown>;

const objectOf = (value: unknown): Json | null => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null);
const textOf = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const secondsOf = (value: unknown): string | null => (typeof value === 'number' && Number.isFinite(value) ? new Date(value * 1000).toISOString() : null);

/**
 * Translates a Stripe Billing event (or the sandbox's copy of one) into a fact. Invoices name
 * their subscription under `parent.subscription_details` (API 2025+) or at the top level
 * (older versions); both are read. Types Tally does not act on give no fact.
 */
export function billingWebhookOf(event: { id: string; type: string; data: { object: unknown } }): BillingWebhook {
  const object = objectOf(event.data.object) ?? {};
  const base = { eventId: event.id, eventType: event.type };
  switch (event.type) {
    case 'invoice.paid':
    case 'invoice.payment_failed': {
      const details = objectOf(objectOf(object.parent)?.subscription_details) ?? objectOf(object.subscription_details);
      const providerSubscriptionId = textOf(details?.subscription) ?? textOf(object.subscription);
      const reference = referenceOf(objectOf(details?.metadata));
      const invoiceId = textOf(object.id) ?? event.id;
      return { ...base, reference, providerSubscriptionId, fact: event.type === 'invoice.paid' ? paidFact(invoiceId, object) : { kind: 'invoice_payment_failed', invoiceId, attempt: attemptOf(object) } };
    }
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted': {
      const reference = referenceOf(objectOf(object.metadata));
      const providerSubscriptionId = textOf(object.id);
      const fact: BillingFact =
        event.type === 'customer.subscription.deleted'
          ? { kind: 'subscription_deleted' }
          : { kind: 'subscription_updated', providerStatus: textOf(object.status) ?? 'unknown', cancelAtPeriodEnd: object.cancel_at_period_end === true, currentPeriodEnd: periodEndOf(object) };
      return { ...base, reference, providerSubscriptionId, fact };
    }
    default:
      return { ...base, reference: null, providerSubscriptionId: null, fact: null };
  }
}

function paidFact(invoiceId: string, invoice: Json): BillingFact {
  const line = objectOf(objectOf(invoice.lines)?.data instanceof Array ? (objectOf(invoice.lines)!.data as unknown[])[0] : null);
  const period = objectOf(line?.period);
  const periodStart = secondsOf(period?.start) ?? secondsOf(invoice.period_start);
  const periodEnd = secondsOf(period?.end) ?? secondsOf(invoice.period_end);
  if (!periodStart || !periodEnd) throw new Error(`Invoice ${invoiceId} names no billing period`);
  const amount = typeof invoice.amount_paid === 'number' ? invoice.amount_paid : 0;
  return { kind: 'invoice_paid', invoiceId, amount: { amount, currency: (textOf(invoice.currency) ?? 'usd').toUpperCase() }, periodStart, periodEnd };
}

function attemptOf(invoice: Json): number {
  return typeof invoice.attempt_count === 'number' && invoice.attempt_count > 0 ? invoice.attempt_count : 1;
}

/** The end of the subscription's current period: on the item (API 2025+) or the subscription (older). */
function periodEndOf(subscription: Json): string | null {
  const items = objectOf(subscription.items)?.data;
  const item = Array.isArray(items) ? objectOf(items[0]) : null;
  return secondsOf(item?.current_period_end) ?? secondsOf(subscription.current_period_end);
}

function referenceOf(metadata: Json | null): BillingWebhook['reference'] {
  const tenantId = textOf(metadata?.tally_tenant_id);
  const subscriptionId = textOf(metadata?.tally_subscription_id);
  return tenantId && subscriptionId ? { tenantId, subscriptionId } : null;
}
