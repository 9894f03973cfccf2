import { PaymentsError } from '../../payments.errors';
import { chargeOpenInvoice, openRenewal, SandboxBillingOutcome, SandboxChargeOutcome, SandboxSubscription } from '../../providers/sandbox/sandbox-subscription';

export interface SandboxRenewalRequest {
  /** Who asks: the customer, or one of the tenant's organizers (`staff`). */
  actorId: string;
  staff: boolean;
  outcome: SandboxChargeOutcome;
  now: Date;
  nextEventId: () => string;
}

/**
 * The sandbox's control over a renewal, for a developer or a test (Stripe's test clocks and test
 * cards in one call). The invoice still open (a failed renewal, or an unpaid first invoice) is
 * attempted again with the card. With none open:
 * - settling pays the renewal only once it is due (the period ended and the clock has not run
 *   yet); before that there is nothing to settle (409), so a settle sent many times at once pays
 *   exactly one invoice;
 * - failing bills the next period's renewal now (brought forward from the period's end, as a
 *   test clock would) and fails it: the subscription is past_due from now.
 * Paid: invoice.paid (and the subscription active again); failed: invoice.payment_failed (and
 * past_due). Only the customer and the tenant's organizers may; to anyone else the subscription
 * does not exist.
 */
export function decideSandboxRenewal(subscription: SandboxSubscription, request: SandboxRenewalRequest): SandboxBillingOutcome {
  if (subscription.customerUserId !== request.actorId && !request.staff) {
    throw new PaymentsError('PAYMENTS.SANDBOX_SUBSCRIPTION_NOT_FOUND', `No sandbox subscription ${subscription.id} in this tenant`, { subscriptionId: subscription.id });
  }
  if (subscription.status === 'canceled') {
    throw new PaymentsError('PAYMENTS.SANDBOX_NOT_BILLABLE', `Sandbox subscription ${subscription.id} is canceled: nothing to bill`, { subscriptionId: subscription.id, status: subscription.status });
  }
  if (!subscription.openInvoice && request.outcome === 'succeeded' && subscription.currentPeriodEndMs > request.now.getTime()) {
    const paidThrough = new Date(subscription.currentPeriodEndMs).toISOString();
    throw new PaymentsError('PAYMENTS.SANDBOX_NOT_BILLABLE', `Nothing to settle: sandbox subscription ${subscription.id} is paid through ${paidThrough}`, { subscriptionId: subscription.id, paidThrough });
  }
  const billed = subscription.openInvoice ? subscription : openRenewal(subscription);
  return chargeOpenInvoice(billed, request.outcome, request.now, request.nextEventId);
}
