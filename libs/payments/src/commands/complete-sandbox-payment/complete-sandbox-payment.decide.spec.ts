import { DomainError } from '@tally/platform';
import { money } from '../../domain/money';
import { initialPaymentState, PaymentState } from '../../domain/payment.state';
import { PaymentStatus } from '../../domain/payment.events';
import { decideSandboxCompletion, SandboxCompletion } from './complete-sandbox-payment.decide';

const now = new Date('2026-04-01T10:00:00Z');
const paymentId = '01900000-0000-7000-8000-00000000000b';
const pending: PaymentState = { ...initialPaymentState(), exists: true, paymentId, voterId: 'voter-1', votes: 10, provider: 'sandbox', providerPaymentId: 'pi_sandbox_1', amount: money(1000, 'USD') };
const input: SandboxCompletion = { tenantId: 't1', paymentId, actorId: 'voter-1', outcome: 'succeeded', card: null, eventId: 'evt_sandbox_9', now };

function codeOf(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return String(error.code);
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('completing a sandbox payment', () => {
  it("given a pending sandbox payment, when its voter pays, then the webhook event is Stripe's success for its intent and ids", () => {
    const event = decideSandboxCompletion(pending, input);
    expect(event).toMatchObject({ id: 'evt_sandbox_9', type: 'payment_intent.succeeded', created: now.getTime() / 1000 });
    expect(event.data.object).toMatchObject({ id: 'pi_sandbox_1', amount: 1000, amount_received: 1000, currency: 'usd', metadata: { tally_tenant_id: 't1', tally_payment_id: paymentId, tally_voter_id: 'voter-1', tally_votes: '10' } });
  });

  it('given a test card, the success carries its charge with a fingerprint that is the same for the same card only', () => {
    const fingerprintOf = (card: string) => (decideSandboxCompletion(pending, { ...input, card }).data.object as { latest_charge: { payment_method_details: { card: { fingerprint: string; last4: string } } } }).latest_charge.payment_method_details.card;
    const first = fingerprintOf('4242424242424242');
    expect(first).toMatchObject({ last4: '4242', fingerprint: expect.stringMatching(/^[A-Za-z0-9]{16}$/) });
    expect(fingerprintOf('4242424242424242').fingerprint).toBe(first.fingerprint);
    expect(fingerprintOf('4000056655665556').fingerprint).not.toBe(first.fingerprint);
    expect(decideSandboxCompletion(pending, input).data.object).not.toHaveProperty('latest_charge');
  });

  it('given a failed (declined) payment, a new attempt is allowed, as Stripe allows another card', () => {
    expect(decideSandboxCompletion({ ...pending, status: 'failed' }, input).type).toBe('payment_intent.succeeded');
  });

  it.each<PaymentStatus>(['completed', 'refunded', 'partially_refunded', 'disputed'])('refuses a %s payment with 409', (status) => {
    expect(codeOf(() => decideSandboxCompletion({ ...pending, status }, input))).toBe('PAYMENTS.SANDBOX_NOT_COMPLETABLE');
  });

  it("is not found for another voter, another provider's payment or no payment at all", () => {
    expect(codeOf(() => decideSandboxCompletion(pending, { ...input, actorId: 'voter-2' }))).toBe('PAYMENTS.PAYMENT_NOT_FOUND');
    expect(codeOf(() => decideSandboxCompletion({ ...pending, provider: 'stripe' }, input))).toBe('PAYMENTS.PAYMENT_NOT_FOUND');
    expect(codeOf(() => decideSandboxCompletion(initialPaymentState(), input))).toBe('PAYMENTS.PAYMENT_NOT_FOUND');
  });
});
