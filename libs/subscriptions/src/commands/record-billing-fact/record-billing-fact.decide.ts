import { BillingFact } from '../../billing/billing-fact';
import { SubscriptionEvent } from '../../domain/subscription.events';
import { SubscriptionState } from '../../domain/subscription.state';
import { SubscriptionsError } from '../../subscriptions.errors';

/**
 * The billing state machine, fed by the provider's webhooks in any order and any number of
 * times: an invoice is paid once; a failure of an invoice since paid, or a retry of the invoice
 * already failing, changes nothing (the grace period runs from the first failure); a cancel or
 * an end is recorded once. A paid invoice makes a past_due or suspended subscription active
 * again, unless it has ended.
 */
export function decideBillingFact(fact: BillingFact, state: SubscriptionState, graceMs: number, now: Date): SubscriptionEvent[] {
  if (!state.exists) throw new SubscriptionsError('SUBSCRIPTIONS.SUBSCRIPTION_NOT_FOUND', 'No such subscription');
  const at = now.toISOString();
  const subscriptionId = state.subscriptionId;
  switch (fact.kind) {
    case 'invoice_paid':
      if (state.paidInvoices.has(fact.invoiceId)) return [];
      return [{ type: 'SubscriptionInvoicePaid', data: { subscriptionId, invoiceId: fact.invoiceId, amount: fact.amount, periodStart: fact.periodStart, periodEnd: fact.periodEnd, at } }];
    case 'invoice_payment_failed': {
      const alreadyFailing = state.failedInvoiceId === fact.invoiceId && (state.status === 'past_due' || state.status === 'suspended');
      if (state.paidInvoices.has(fact.invoiceId) || state.status === 'ended' || alreadyFailing) return [];
      const graceUntil = new Date(now.getTime() + graceMs).toISOString();
      return [{ type: 'SubscriptionPaymentFailed', data: { subscriptionId, invoiceId: fact.invoiceId, attempt: fact.attempt, graceUntil, at } }];
    }
    case 'subscription_updated': {
      if (state.status === 'ended') return [];
      if (fact.providerStatus === 'canceled') return [{ type: 'SubscriptionEnded', data: { subscriptionId, reason: 'canceled', at } }];
      if (!fact.cancelAtPeriodEnd || state.cancelAtMs !== null) return [];
      const endsAt = fact.currentPeriodEnd ?? new Date(state.paidThroughMs ?? now.getTime()).toISOString();
      return [{ type: 'SubscriptionCancelScheduled', data: { subscriptionId, endsAt, at } }];
    }
    case 'subscription_deleted':
      if (state.status === 'ended') return [];
      return [{ type: 'SubscriptionEnded', data: { subscriptionId, reason: state.cancelAtMs !== null ? 'canceled' : 'provider-deleted', at } }];
    default: {
      const unknown: never = fact;
      throw new Error(`Unknown billing fact ${(unknown as { kind: string }).kind}`);
    }
  }
}
