import Stripe from 'stripe';
import { DomainError } from '@tally/platform';
import { money } from '../../domain/money';
import { initialPaymentState, PaymentState } from '../../domain/payment.state';
import { loadPaymentsConfig, PaymentsConfig, Secret } from '../../payments.config';
import { translateStripeEvent } from '../stripe/stripe-events';
import { sandboxIntentOf, sandboxPaymentEvent, sandboxRefundEvent } from './sandbox-events';
import { SandboxProvider } from './sandbox.provider';
import { SandboxWebhooks } from './sandbox-webhooks';
import { signSandboxDelivery } from './sandbox-signature';
import '../../payments.errors';

const secret = new Secret('whsec_sandbox_unit');
const now = new Date('2026-04-01T10:00:00Z');
const config: PaymentsConfig = { ...loadPaymentsConfig({}), sandbox: { mode: 'auto', webhookSecret: secret } };

/** Records what the provider asks the sender to do; the sender itself is exercised over HTTP in the e2e. */
class RecordingWebhooks {
  readonly refunds: string[] = [];
  confirmRefundLater(_tenantId: string, _paymentId: string, providerRefundId: string): void {
    this.refunds.push(providerRefundId);
  }
}

const payment: PaymentState = {
  ...initialPaymentState(),
  exists: true,
  paymentId: '01900000-0000-7000-8000-00000000000a',
  voterId: 'voter-1',
  votes: 10,
  provider: 'sandbox',
  providerPaymentId: 'pi_sandbox_abc',
  amount: money(1000, 'USD'),
};

function refusal(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('payment sandbox provider', () => {
  const webhooks = new RecordingWebhooks();
  const sandbox = new SandboxProvider(config, webhooks as unknown as SandboxWebhooks);
  const reference = { tenantId: 't1', paymentId: payment.paymentId, voterId: 'voter-1', contestId: null, votes: 10 };
  const event = sandboxPaymentEvent(sandboxIntentOf('t1', payment), 'succeeded', 'evt_sandbox_1', now);
  const body = JSON.stringify(event);

  it("signs exactly as Stripe does (Stripe's own test helper gives the same header)", () => {
    expect(signSandboxDelivery(body, secret, now)).toBe(Stripe.webhooks.generateTestHeaderString({ payload: body, secret: secret.reveal(), timestamp: Math.floor(now.getTime() / 1000) }));
  });

  it('creates the same intent for the same idempotency key, with a client secret and its checkout path', async () => {
    const request = { reference, amount: money(1000, 'USD'), idempotencyKey: 'tally-checkout-x', description: '10 votes', email: 'a@b.c' };
    const first = await sandbox.createPayment(request, { secretKey: secret });
    expect(first).toEqual({ providerPaymentId: expect.stringMatching(/^pi_sandbox_[0-9a-f]{24}$/), clientSecret: expect.stringMatching(/^pi_sandbox_[0-9a-f]{24}_secret_[0-9a-f]{24}$/), checkoutUrl: `/api/payments/sandbox/${payment.paymentId}/complete` });
    expect(await sandbox.createPayment(request, { secretKey: secret })).toEqual(first);
    expect((await sandbox.createPayment({ ...request, idempotencyKey: 'tally-checkout-y' }, { secretKey: secret })).providerPaymentId).not.toBe(first.providerPaymentId);
  });

  it('accepts its own signed delivery and reads it as the payment succeeding, with our ids', () => {
    const verified = sandbox.verifyWebhook(Buffer.from(body), { 'tally-sandbox-signature': signSandboxDelivery(body, secret, now) }, [secret], now);
    expect(verified).toMatchObject({
      provider: 'sandbox',
      eventId: 'evt_sandbox_1',
      eventType: 'payment_intent.succeeded',
      reference: { tenantId: 't1', paymentId: payment.paymentId, voterId: 'voter-1', votes: 10, contestId: null },
      fact: { kind: 'payment_succeeded', providerPaymentId: 'pi_sandbox_abc', amount: { amount: 1000, currency: 'USD' } },
      recovery: { provider: 'sandbox', providerPaymentId: 'pi_sandbox_abc' },
    });
  });

  it.each([
    ['no signature', () => ({})],
    ['a Stripe-Signature header instead of its own', () => ({ 'stripe-signature': signSandboxDelivery(body, secret, now) })],
    ['another secret', () => ({ 'tally-sandbox-signature': signSandboxDelivery(body, new Secret('whsec_sandbox_forged'), now) })],
    ['a tampered body', () => ({ 'tally-sandbox-signature': signSandboxDelivery(body.replace('"amount":1000', '"amount":9999'), secret, now) })],
    ['a timestamp beyond the tolerance in the past', () => ({ 'tally-sandbox-signature': signSandboxDelivery(body, secret, new Date(now.getTime() - 301_000)) })],
    ['a timestamp beyond the tolerance in the future', () => ({ 'tally-sandbox-signature': signSandboxDelivery(body, secret, new Date(now.getTime() + 301_000)) })],
  ])('refuses a delivery with %s', (_name, headers) => {
    expect(refusal(() => sandbox.verifyWebhook(Buffer.from(body), headers(), [secret], now))).toMatch(/^PAYMENTS\.INVALID_SIGNATURE: /);
  });

  it('accepts a refund at once and leaves its confirmation to a later delivery, as Stripe does', async () => {
    const refund = await sandbox.refund({ tenantId: 't1', paymentId: payment.paymentId, refundId: 'r1', providerPaymentId: 'pi_sandbox_abc', amount: money(400, 'USD'), reason: 'test', idempotencyKey: 'tally-refund-r1' });
    expect(refund).toEqual({ providerRefundId: expect.stringMatching(/^re_sandbox_/), status: 'pending' });
    expect(webhooks.refunds).toEqual([refund.providerRefundId]);
  });
});

describe('sandbox events, read through the Stripe translation', () => {
  const intent = sandboxIntentOf('t1', payment);

  it.each([
    ['declined', 'generic_decline'],
    ['insufficient_funds', 'insufficient_funds'],
  ] as const)('%s is a failed payment with the decline code as its reason', (outcome, reason) => {
    const translated = translateStripeEvent(sandboxPaymentEvent(intent, outcome, 'evt_2', now) as unknown as Stripe.Event);
    expect(translated.fact).toEqual({ kind: 'payment_failed', providerPaymentId: 'pi_sandbox_abc', reason });
    expect(translated.reference).toMatchObject({ tenantId: 't1', paymentId: payment.paymentId });
  });

  it('requires_action is recorded but changes nothing (no fact), as the real event', () => {
    const event = sandboxPaymentEvent(intent, 'requires_action', 'evt_3', now);
    expect(event.type).toBe('payment_intent.requires_action');
    expect(translateStripeEvent(event as unknown as Stripe.Event).fact).toBeNull();
  });

  it("a refund is charge.refunded with the charge's running total and its refunds", () => {
    const translated = translateStripeEvent(sandboxRefundEvent(intent, 700, ['re_1', 're_2'], 'evt_4', now) as unknown as Stripe.Event);
    expect(translated).toEqual({ providerPaymentId: 'pi_sandbox_abc', reference: expect.objectContaining({ paymentId: payment.paymentId }), fact: { kind: 'refund_total', total: { amount: 700, currency: 'USD' }, providerRefundIds: ['re_1', 're_2'] } });
  });
});
