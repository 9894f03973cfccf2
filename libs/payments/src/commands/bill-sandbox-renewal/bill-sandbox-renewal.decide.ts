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
 * cards in one call): the invoice still open (a failed renewal, or an unpaid first invoice) is
 * attempted again with the card; with none open, the next period's renewal is billed now
 * (brought forward from the period's end) and attempted. Paid: invoice.paid (and the
 * subscription active again); failed: invoice.payment_failed (and past_due). Only the customer
 * and the tenant's organizers may; to anyone else the subscription does not exist.
 */
export function decideSandboxRenewal(subscription: SandboxSubscription, request: SandboxRenewalRequest): SandboxBillingOutcome {
  if (subscription.customerUserId !== request.actorId && !request.staff) {
    throw new PaymentsError('PAYMENTS.SANDBOX_SUBSCRIPTION_NOT_FOUND', `No sandbox subscription ${subscription.id} in this tenant`, { subscriptionId: subscription.id });
  }
  if (subscription.status === 'canceled') {
    throw new PaymentsError('PAYMENTS.SANDBOX_NOT_BILLABLE', `Sandbox subscription ${subscription.id} is canceled: nothing to bill`, { subscriptionId: subscription.id, status: subscription.status });
  }
  const billed = subscription.openInvoice ? subscription : openRenewal(subscription);
  return chargeOpenInvoice(billed, request.outcome, request.now, request.nextEventId);
}
