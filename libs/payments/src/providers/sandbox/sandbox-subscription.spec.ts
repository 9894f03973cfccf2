import { DomainError } from '@tally/platform';
import {
  addMonth,
  advanceClock,
  cancelAtPeriodEnd,
  changePrice,
  chargeOpenInvoice,
  newSandboxSubscription,
  openRenewal,
  prorationLines,
  sandboxChargeOutcomeOf,
  SandboxSubscription,
} from './sandbox-subscription';

const start = new Date('2026-03-01T12:00:00.000Z');
const usd = (amount: number) => ({ amount, currency: 'USD' });
const ids = () => {
  let n = 0;
  return () => `evt_${++n}`;
};
const code = (work: () => unknown): string => {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return String(error.code);
    throw error;
  }
  throw new Error('expected a refusal');
};

function paidSubscription(price = usd(299)): SandboxSubscription {
  const created = newSandboxSubscription({ tenantId: 't1', idempotencyKey: 'tally-subscription-1', customerUserId: 'u1', metadata: { tally_subscription_id: 's1' }, price }, start);
  return chargeOpenInvoice(created, 'succeeded', start, ids()).subscription;
}

describe('the billing sandbox (Stripe Billing played locally)', () => {
  it('creates an incomplete subscription whose first invoice is the first month; the same key gives the same ids', () => {
    const request = { tenantId: 't1', idempotencyKey: 'k', customerUserId: 'u1', metadata: {}, price: usd(299) };
    const created = newSandboxSubscription(request, start);
    expect(created).toMatchObject({ status: 'incomplete', currentPeriodStartMs: start.getTime(), currentPeriodEndMs: Date.parse('2026-04-01T12:00:00.000Z') });
    expect(created.openInvoice).toMatchObject({ reason: 'subscription_create', amountDue: 299, attempts: 0 });
    expect(newSandboxSubscription(request, new Date('2026-03-02T00:00:00Z')).id).toBe(created.id);
    expect(newSandboxSubscription({ ...request, tenantId: 't2' }, start).id).not.toBe(created.id);
  });

  it('pays the first invoice: invoice.paid with the period on its line, then customer.subscription.updated (active)', () => {
    const created = newSandboxSubscription({ tenantId: 't1', idempotencyKey: 'k', customerUserId: 'u1', metadata: { tally_subscription_id: 's1' }, price: usd(299) }, start);
    const { subscription, events } = chargeOpenInvoice(created, 'succeeded', start, ids());
    expect(subscription).toMatchObject({ status: 'active', openInvoice: null });
    expect(events.map((e) => e.type)).toEqual(['invoice.paid', 'customer.subscription.updated']);
    expect(events[0].data.object).toMatchObject({
      status: 'paid',
      amount_paid: 299,
      currency: 'usd',
      billing_reason: 'subscription_create',
      parent: { subscription_details: { subscription: created.id, metadata: { tally_subscription_id: 's1' } } },
      lines: { data: [{ period: { start: start.getTime() / 1000, end: Date.parse('2026-04-01T12:00:00Z') / 1000 } }] },
    });
    expect(events[1].data.object).toMatchObject({ status: 'active', items: { data: [{ current_period_end: Date.parse('2026-04-01T12:00:00Z') / 1000 }] } });
  });

  it('a failed renewal: invoice.payment_failed with the decline code, past_due; settling the same invoice makes it active for the next period', () => {
    const renewing = openRenewal(paidSubscription());
    expect(renewing.openInvoice).toMatchObject({ reason: 'subscription_cycle', amountDue: 299, periodStartMs: Date.parse('2026-04-01T12:00:00Z'), periodEndMs: Date.parse('2026-05-01T12:00:00Z') });
    const failed = chargeOpenInvoice(renewing, 'declined', new Date('2026-04-01T12:00:00Z'), ids());
    expect(failed.subscription).toMatchObject({ status: 'past_due', currentPeriodEndMs: Date.parse('2026-04-01T12:00:00Z') });
    expect(failed.events.map((e) => e.type)).toEqual(['invoice.payment_failed', 'customer.subscription.updated']);
    expect(failed.events[0].data.object).toMatchObject({ status: 'open', attempt_count: 1, amount_paid: 0, last_payment_error: { decline_code: 'generic_decline' } });
    const again = chargeOpenInvoice(failed.subscription, 'insufficient_funds', new Date('2026-04-02T12:00:00Z'), ids());
    expect(again.events.map((e) => e.type)).toEqual(['invoice.payment_failed']);
    expect(again.events[0].data.object).toMatchObject({ id: renewing.openInvoice!.id, attempt_count: 2 });
    const settled = chargeOpenInvoice(again.subscription, 'succeeded', new Date('2026-04-05T12:00:00Z'), ids());
    expect(settled.subscription).toMatchObject({ status: 'active', openInvoice: null, currentPeriodEndMs: Date.parse('2026-05-01T12:00:00Z') });
    expect(settled.events[0].data.object).toMatchObject({ id: renewing.openInvoice!.id, status: 'paid', attempt_count: 3 });
  });

  it('prorates to the second, each line rounded half-up: 299 → 999 with 15 d 18 h of 31 days left is −152 + 508 = 356', () => {
    const lines = prorationLines(usd(299), usd(999), start.getTime(), Date.parse('2026-04-01T12:00:00Z'), Date.parse('2026-03-16T18:00:00Z'));
    // 1,360,800 s of 2,678,400: 299 × 0.50806… = 151.91 → 152; 999 × 0.50806… = 507.56 → 508.
    expect(lines.map((l) => l.amount)).toEqual([-152, 508]);
    expect(prorationLines(usd(299), usd(999), start.getTime(), Date.parse('2026-04-01T12:00:00Z'), start.getTime()).map((l) => l.amount)).toEqual([-299, 999]);
    expect(prorationLines(usd(299), usd(999), start.getTime(), Date.parse('2026-04-01T12:00:00Z'), Date.parse('2026-04-01T12:00:00Z')).map((l) => l.amount)).toEqual([-0, 0]);
  });

  it('an upgrade is invoiced and paid at once; a repeated key bills nothing; a downgrade leaves a credit the renewal spends', () => {
    const at = new Date('2026-03-16T18:00:00Z');
    const upgraded = changePrice(paidSubscription(), usd(999), 'change-1', at, ids());
    expect(upgraded.events.map((e) => e.type)).toEqual(['invoice.paid', 'customer.subscription.updated']);
    expect(upgraded.events[0].data.object).toMatchObject({ amount_paid: 356, billing_reason: 'subscription_update', lines: { data: [{ amount: -152 }, { amount: 508 }] } });
    expect(upgraded.subscription).toMatchObject({ price: usd(999), openInvoice: null, currentPeriodEndMs: Date.parse('2026-04-01T12:00:00Z') });
    expect(changePrice(upgraded.subscription, usd(999), 'change-1', at, ids())).toEqual({ subscription: upgraded.subscription, events: [] });

    const downgraded = changePrice(upgraded.subscription, usd(299), 'change-2', at, ids());
    expect(downgraded.events[0].data.object).toMatchObject({ amount_paid: 0, amount_due: 0 });
    expect(downgraded.subscription.credit).toBe(508 - 152);
    expect(openRenewal(downgraded.subscription).openInvoice).toMatchObject({ amountDue: 0 });
    expect(openRenewal(downgraded.subscription).credit).toBe(356 - 299);
    expect(code(() => changePrice(upgraded.subscription, { amount: 999, currency: 'EUR' }, 'change-3', at, ids()))).toBe('PAYMENTS.SANDBOX_NOT_BILLABLE');
  });

  it('its clock renews an active subscription on the card on file at the period end, and deletes one set to cancel', () => {
    const paid = paidSubscription();
    expect(advanceClock(paid, new Date('2026-03-31T12:00:00Z'), ids()).events).toEqual([]);
    const renewed = advanceClock(paid, new Date('2026-04-01T12:00:00Z'), ids());
    expect(renewed.events.map((e) => e.type)).toEqual(['invoice.paid']);
    expect(renewed.subscription.currentPeriodEndMs).toBe(Date.parse('2026-05-01T12:00:00Z'));

    const cancelling = cancelAtPeriodEnd(paid, new Date('2026-03-10T00:00:00Z'), ids());
    expect(cancelling.events[0]).toMatchObject({ type: 'customer.subscription.updated', data: { object: { cancel_at_period_end: true } } });
    expect(code(() => openRenewal(cancelling.subscription))).toBe('PAYMENTS.SANDBOX_NOT_BILLABLE');
    const ended = advanceClock(cancelling.subscription, new Date('2026-04-01T12:00:00Z'), ids());
    expect(ended.subscription.status).toBe('canceled');
    expect(ended.events.map((e) => e.type)).toEqual(['customer.subscription.deleted']);
  });

  it('bills monthly on the start day, clamped to the end of shorter months', () => {
    expect(addMonth(new Date('2026-01-31T10:00:00Z')).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(addMonth(new Date('2026-12-15T00:00:00Z')).toISOString()).toBe('2027-01-15T00:00:00.000Z');
  });

  it('takes the test cards for invoices, but not the one that asks for authentication', () => {
    expect(sandboxChargeOutcomeOf({ card: '4000 0000 0000 0002' })).toBe('declined');
    expect(sandboxChargeOutcomeOf({})).toBe('succeeded');
    expect(code(() => sandboxChargeOutcomeOf({ card: '4000002500003155' }))).toBe('PAYMENTS.SANDBOX_CARD_UNKNOWN');
  });
});
