import { SubscriptionEvent } from '../../domain/subscription.events';
import { quotaUsable, statusAt, subscriptionDecider, SubscriptionState } from '../../domain/subscription.state';
import { paid, refusal, started, subscription } from '../../testing/subscription-fixtures';
import { decideSuspendOverdue } from '../suspend-overdue/suspend-overdue.decide';
import { decideBillingFact } from './record-billing-fact.decide';

const GRACE = 72 * 3_600_000;
const NOW = new Date('2026-04-01T13:00:00Z');
const failed = { kind: 'invoice_payment_failed', invoiceId: 'in_2', attempt: 1 } as const;
const renewal = { kind: 'invoice_paid', invoiceId: 'in_2', amount: { amount: 999, currency: 'USD' }, periodStart: '2026-04-01T12:00:00.000Z', periodEnd: '2026-05-01T12:00:00.000Z' } as const;

function apply(state: SubscriptionState, events: SubscriptionEvent[]): SubscriptionState {
  return events.reduce(subscriptionDecider.evolve, state);
}

describe('the billing state machine', () => {
  it('activates on the first paid invoice, and a repeated invoice changes nothing', () => {
    const incomplete = subscription(started());
    expect(quotaUsable(incomplete, NOW.getTime(), GRACE)).toBe(false);
    const events = decideBillingFact({ ...renewal, invoiceId: 'in_1' }, incomplete, GRACE, NOW);
    const active = apply(incomplete, events);
    expect(active.status).toBe('active');
    expect(quotaUsable(active, NOW.getTime(), GRACE)).toBe(true);
    expect(decideBillingFact({ ...renewal, invoiceId: 'in_1' }, active, GRACE, NOW)).toEqual([]);
  });

  it('failed renewal → past_due with grace → suspended after it (even before the job records it) → active when paid', () => {
    const active = subscription(started(), paid());
    const pastDue = apply(active, decideBillingFact(failed, active, GRACE, NOW));
    expect(pastDue.status).toBe('past_due');
    expect(pastDue.graceUntilMs).toBe(NOW.getTime() + GRACE);
    expect(quotaUsable(pastDue, NOW.getTime() + GRACE - 1, GRACE)).toBe(true);
    expect(quotaUsable(pastDue, NOW.getTime() + GRACE, GRACE)).toBe(false);
    expect(statusAt(pastDue, NOW.getTime() + GRACE)).toBe('suspended');
    // A retry of the same invoice failing again does not extend the grace.
    expect(decideBillingFact({ ...failed, attempt: 2 }, pastDue, GRACE, new Date(NOW.getTime() + 3_600_000))).toEqual([]);
    expect(decideSuspendOverdue(pastDue, new Date(NOW.getTime() + GRACE - 1))).toEqual([]);
    const suspended = apply(pastDue, decideSuspendOverdue(pastDue, new Date(NOW.getTime() + GRACE)));
    expect(suspended.status).toBe('suspended');
    const recovered = apply(suspended, decideBillingFact(renewal, suspended, GRACE, new Date(NOW.getTime() + GRACE + 1)));
    expect(recovered.status).toBe('active');
    expect(quotaUsable(recovered, NOW.getTime() + GRACE + 1, GRACE)).toBe(true);
  });

  it('ignores a failure that arrives after the same invoice was paid', () => {
    const active = subscription(started(), paid(), paid('in_2', '2026-05-01T12:00:00.000Z'));
    expect(decideBillingFact(failed, active, GRACE, NOW)).toEqual([]);
  });

  it('lapses when no renewal is paid past the period plus the grace', () => {
    const active = subscription(started(), paid());
    const periodEnd = Date.parse('2026-04-01T12:00:00.000Z');
    expect(quotaUsable(active, periodEnd + GRACE - 1, GRACE)).toBe(true);
    expect(quotaUsable(active, periodEnd + GRACE, GRACE)).toBe(false);
  });

  it('records a cancel at period end and the end once', () => {
    const active = subscription(started(), paid());
    const updated = { kind: 'subscription_updated', providerStatus: 'active', cancelAtPeriodEnd: true, currentPeriodEnd: '2026-04-01T12:00:00.000Z' } as const;
    const cancelled = apply(active, decideBillingFact(updated, active, GRACE, NOW));
    expect(cancelled.cancelAtMs).toBe(Date.parse('2026-04-01T12:00:00.000Z'));
    expect(decideBillingFact(updated, cancelled, GRACE, NOW)).toEqual([]);
    const [ended] = decideBillingFact({ kind: 'subscription_deleted' }, cancelled, GRACE, NOW);
    expect(ended).toMatchObject({ type: 'SubscriptionEnded', data: { reason: 'canceled' } });
    const done = apply(cancelled, [ended]);
    expect(decideBillingFact({ kind: 'subscription_deleted' }, done, GRACE, NOW)).toEqual([]);
    expect(decideBillingFact(renewal, done, GRACE, NOW)).toHaveLength(1);
    expect(apply(done, decideBillingFact(renewal, done, GRACE, NOW)).status).toBe('ended');
  });

  it('refuses a fact for a subscription that does not exist', () => {
    expect(refusal(() => decideBillingFact(renewal, subscriptionDecider.initialState(), GRACE, NOW))).toBe('SUBSCRIPTIONS.SUBSCRIPTION_NOT_FOUND');
  });
});
