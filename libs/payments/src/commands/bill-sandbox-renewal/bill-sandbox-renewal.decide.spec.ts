import { DomainError } from '@tally/platform';
import { chargeOpenInvoice, newSandboxSubscription, SandboxSubscription } from '../../providers/sandbox/sandbox-subscription';
import { decideSandboxRenewal, SandboxRenewalRequest } from './bill-sandbox-renewal.decide';

const start = new Date('2026-03-01T12:00:00.000Z');
const periodEnd = new Date('2026-04-01T12:00:00.000Z');
let n = 0;
const request = (overrides: Partial<SandboxRenewalRequest> = {}): SandboxRenewalRequest => ({ actorId: 'u1', staff: false, outcome: 'succeeded', now: periodEnd, nextEventId: () => `evt_${++n}`, ...overrides });
const created = newSandboxSubscription({ tenantId: 't1', idempotencyKey: 'k', customerUserId: 'u1', metadata: {}, price: { amount: 499, currency: 'USD' } }, start);
const active: SandboxSubscription = chargeOpenInvoice(created, 'succeeded', start, () => 'evt_0').subscription;

function refusal(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return String(error.code);
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the sandbox renewal control', () => {
  it('with no invoice open, bills the next period now: declined fails it (past_due), settling pays that same invoice (active)', () => {
    const failed = decideSandboxRenewal(active, request({ outcome: 'declined' }));
    expect(failed.subscription).toMatchObject({ status: 'past_due', openInvoice: { periodStartMs: periodEnd.getTime(), attempts: 1 } });
    expect(failed.events.map((e) => e.type)).toEqual(['invoice.payment_failed', 'customer.subscription.updated']);
    const settled = decideSandboxRenewal(failed.subscription, request());
    expect(settled.subscription).toMatchObject({ status: 'active', openInvoice: null, currentPeriodEndMs: Date.parse('2026-05-01T12:00:00Z') });
    expect(settled.events[0].data.object).toMatchObject({ id: failed.subscription.openInvoice!.id, status: 'paid' });
  });

  it('settles an unpaid first invoice too', () => {
    expect(decideSandboxRenewal(created, request()).subscription).toMatchObject({ status: 'active', currentPeriodEndMs: periodEnd.getTime() });
  });

  it('settles a renewal only once it is due: before the period ends there is nothing to settle, so a repeated settle pays once', () => {
    expect(refusal(() => decideSandboxRenewal(active, request({ now: new Date('2026-03-20T00:00:00Z') })))).toBe('PAYMENTS.SANDBOX_NOT_BILLABLE');
    const renewed = decideSandboxRenewal(active, request()).subscription;
    expect(renewed.currentPeriodEndMs).toBe(Date.parse('2026-05-01T12:00:00Z'));
    expect(refusal(() => decideSandboxRenewal(renewed, request()))).toBe('PAYMENTS.SANDBOX_NOT_BILLABLE');
  });

  it('fails the next renewal ahead of the period end (brought forward), and a failing invoice again', () => {
    const early = new Date('2026-03-20T00:00:00Z');
    const failed = decideSandboxRenewal(active, request({ outcome: 'insufficient_funds', now: early }));
    expect(failed.subscription).toMatchObject({ status: 'past_due', currentPeriodEndMs: periodEnd.getTime(), openInvoice: { attempts: 1, periodStartMs: periodEnd.getTime() } });
    expect(decideSandboxRenewal(failed.subscription, request({ outcome: 'declined', now: early })).subscription.openInvoice).toMatchObject({ attempts: 2 });
  });

  it("is the customer's and the organizers': to anyone else the subscription does not exist", () => {
    expect(refusal(() => decideSandboxRenewal(active, request({ actorId: 'u2' })))).toBe('PAYMENTS.SANDBOX_SUBSCRIPTION_NOT_FOUND');
    expect(decideSandboxRenewal(active, request({ actorId: 'u2', staff: true })).subscription.status).toBe('active');
  });

  it('refuses a canceled subscription and one ending at its period end', () => {
    expect(refusal(() => decideSandboxRenewal({ ...active, status: 'canceled' }, request()))).toBe('PAYMENTS.SANDBOX_NOT_BILLABLE');
    expect(refusal(() => decideSandboxRenewal({ ...active, cancelAtPeriodEnd: true }, request()))).toBe('PAYMENTS.SANDBOX_NOT_BILLABLE');
  });
});
