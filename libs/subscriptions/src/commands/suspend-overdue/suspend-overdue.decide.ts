import { SubscriptionSuspended } from '../../domain/subscription.events';
import { SubscriptionState } from '../../domain/subscription.state';

/**
 * Dunning's last step, recorded by the job: a past_due subscription whose grace is over is
 * suspended. The vote decision already treats it as suspended from that instant (statusAt,
 * quotaUsable); this event puts it on the record and in the read models.
 */
export function decideSuspendOverdue(state: SubscriptionState, now: Date): SubscriptionSuspended[] {
  if (!state.exists || state.status !== 'past_due' || state.graceUntilMs === null || now.getTime() < state.graceUntilMs) return [];
  return [{ type: 'SubscriptionSuspended', data: { subscriptionId: state.subscriptionId, invoiceId: state.failedInvoiceId ?? '', at: now.toISOString() } }];
}
