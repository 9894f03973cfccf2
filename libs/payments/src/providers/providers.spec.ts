import { createHmac } from 'node:crypto';
import { inspect } from 'node:util';
import Stripe from 'stripe';
import { DomainError } from '@tally/platform';
import { money } from '../domain/money';
import { loadPaymentsConfig, Secret } from '../payments.config';
import { FakeProviderServer } from '../testing/fake-provider-server';
import { PaystackProvider } from './paystack/paystack.provider';
import { StripeProvider } from './stripe/stripe.provider';
import '../payments.errors';

const reference = { tenantId: 'tenant-1', paymentId: '01900000-0000-7000-8000-00000000000a', voterId: 'voter-1', contestId: 'contest-1', votes: 10 };

function codeOf(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return String(error.code);
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('payment providers against a local API server', () => {
  const server = new FakeProviderServer();
  let stripe: StripeProvider;
  let paystack: PaystackProvider;
  const credentials = { secretKey: new Secret('sk_test_123') };

  beforeAll(async () => {
    await server.start();
    const config = loadPaymentsConfig({ STRIPE_API_URL: server.url, PAYSTACK_API_URL: server.url, STRIPE_SECRET_KEY: 'sk_test_123', STRIPE_WEBHOOK_SECRET: 'whsec_test' });
    stripe = new StripeProvider(config);
    paystack = new PaystackProvider(config);
  });
  afterAll(() => server.stop());
  beforeEach(() => server.requests.splice(0));

  it('creates a Stripe PaymentIntent with the amount, currency, idempotency key and our ids in metadata', async () => {
    const created = await stripe.createPayment({ reference, amount: money(1234, 'KWD'), idempotencyKey: 'checkout-abc', description: '10 votes', email: 'x@y.z' }, credentials);
    expect(created.providerPaymentId).toMatch(/^pi_fake_/);
    expect(created.clientSecret).toMatch(/_secret_/);
    expect(server.requests).toHaveLength(1);
    const [sent] = server.requests;
    expect(sent).toMatchObject({ method: 'POST', path: '/v1/payment_intents' });
    expect(sent.headers['idempotency-key']).toBe('checkout-abc');
    expect(sent.headers.authorization).toBe('Bearer sk_test_123');
    expect(sent.body).toMatchObject({
      amount: '1234',
      currency: 'kwd',
      'metadata[tally_tenant_id]': 'tenant-1',
      'metadata[tally_payment_id]': reference.paymentId,
      'metadata[tally_voter_id]': 'voter-1',
      'metadata[tally_votes]': '10',
      'metadata[tally_contest_id]': 'contest-1',
    });
  });

  it('sends a zero-decimal amount as whole units', async () => {
    await stripe.createPayment({ reference, amount: money(500, 'JPY'), idempotencyKey: 'checkout-jpy', description: '10 votes', email: 'x@y.z' }, credentials);
    expect(server.requests[0].body).toMatchObject({ amount: '500', currency: 'jpy' });
  });

  it('refunds through Stripe with an idempotency key', async () => {
    const refund = await stripe.refund({ tenantId: 't', paymentId: reference.paymentId, refundId: 'r-1', providerPaymentId: 'pi_1', amount: money(300, 'USD'), reason: 'asked', idempotencyKey: 'refund-r-1' }, credentials);
    expect(refund).toEqual({ providerRefundId: expect.stringMatching(/^re_fake_/), status: 'succeeded' });
    expect(server.requests[0]).toMatchObject({ path: '/v1/refunds', body: { amount: '300', payment_intent: 'pi_1', 'metadata[tally_refund_id]': 'r-1' } });
    expect(server.requests[0].headers['idempotency-key']).toBe('refund-r-1');
  });

  it('turns Stripe API errors into a provider problem without the key', async () => {
    server.respond((request) => (request.path === '/v1/refunds' ? { status: 400, body: { error: { type: 'invalid_request_error', code: 'charge_already_refunded', message: 'sk_test_123 is bad' } } } : undefined));
    const failure = await stripe.refund({ tenantId: 't', paymentId: 'p', refundId: 'r', providerPaymentId: 'pi_1', amount: money(1, 'USD'), reason: 'x', idempotencyKey: 'k' }, credentials).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DomainError);
    expect((failure as DomainError).code).toBe('PAYMENTS.PROVIDER_ERROR');
    expect((failure as DomainError).message).not.toContain('sk_test_123');
  });

  it('initialises a Paystack transaction with our payment id as its reference', async () => {
    const created = await paystack.createPayment({ reference, amount: money(50000, 'NGN'), idempotencyKey: 'checkout-ps', description: '10 votes', email: 'voter@example.com' }, credentials);
    expect(created).toEqual({ providerPaymentId: reference.paymentId, clientSecret: expect.any(String), checkoutUrl: expect.stringContaining('https://') });
    const [sent] = server.requests;
    expect(sent).toMatchObject({ method: 'POST', path: '/transaction/initialize', body: { amount: 50000, currency: 'NGN', reference: reference.paymentId, email: 'voter@example.com', metadata: { tally_payment_id: reference.paymentId, tally_tenant_id: 'tenant-1' } } });
    expect(sent.headers.authorization).toBe('Bearer sk_test_123');
    expect(sent.headers['idempotency-key']).toBe('checkout-ps');
  });

  it('lists recent payments for reconciliation from both providers', async () => {
    server.paystackTransactions.push({ reference: 'ref-1', amount: 1000, currency: 'NGN', status: 'success', channel: 'card', metadata: { tally_tenant_id: 't', tally_payment_id: 'ref-1' } });
    const fromStripe = await stripe.listRecentPayments(new Date(Date.now() - 3600_000), credentials);
    expect(fromStripe.length).toBeGreaterThan(0);
    expect(server.requests[0].path).toMatch(/^\/v1\/payment_intents\?created\[gte\]=\d+&limit=100/);
    const fromPaystack = await paystack.listRecentPayments(new Date(0), credentials);
    expect(fromPaystack).toEqual([{ providerPaymentId: 'ref-1', amount: money(1000, 'NGN'), reference: { tenantId: 't', paymentId: 'ref-1', voterId: undefined, contestId: null, votes: undefined }, fact: { kind: 'payment_succeeded', providerPaymentId: 'ref-1', amount: money(1000, 'NGN'), paymentMethod: 'card' } }]);
  });
});

describe('webhook signatures', () => {
  const config = loadPaymentsConfig({ STRIPE_WEBHOOK_SECRET: 'whsec_test' });
  const stripe = new StripeProvider(config);
  const paystack = new PaystackProvider(config);
  const secret = new Secret('whsec_test');
  const now = new Date('2026-04-01T10:00:00Z');
  const payload = JSON.stringify({
    id: 'evt_1',
    object: 'event',
    type: 'payment_intent.succeeded',
    data: { object: { id: 'pi_1', object: 'payment_intent', amount: 1000, amount_received: 1000, currency: 'usd', payment_method_types: ['card'], metadata: { tally_tenant_id: 't1', tally_payment_id: 'p1', tally_voter_id: 'v1', tally_votes: '10', tally_contest_id: '' } } },
  });
  const sign = (body: string, at: Date, key = 'whsec_test') => Stripe.webhooks.generateTestHeaderString({ payload: body, secret: key, timestamp: Math.floor(at.getTime() / 1000) });

  it('accepts a Stripe signature made with the secret, within 300 s, and translates the event', () => {
    const verified = stripe.verifyWebhook(Buffer.from(payload), { 'stripe-signature': sign(payload, new Date(now.getTime() - 299_000)) }, [secret], now);
    expect(verified).toMatchObject({
      eventId: 'evt_1',
      eventType: 'payment_intent.succeeded',
      reference: { tenantId: 't1', paymentId: 'p1', voterId: 'v1', votes: 10, contestId: null },
      fact: { kind: 'payment_succeeded', providerPaymentId: 'pi_1', amount: { amount: 1000, currency: 'USD' }, cardFingerprint: null },
    });
  });

  it("reads the card's fingerprint from an expanded charge or payment method", () => {
    const withCharge = payload.replace('"payment_method_types"', '"latest_charge":{"id":"ch_1","payment_method_details":{"card":{"fingerprint":"Xt5EWLLDS7FJjR1c"}}},"payment_method_types"');
    const withMethod = payload.replace('"payment_method_types"', '"payment_method":{"id":"pm_1","card":{"fingerprint":"Ab12Cd34Ef56Gh78"}},"payment_method_types"');
    const factOf = (body: string) => stripe.verifyWebhook(Buffer.from(body), { 'stripe-signature': sign(body, now) }, [secret], now).fact;
    expect(factOf(withCharge)).toMatchObject({ kind: 'payment_succeeded', cardFingerprint: 'Xt5EWLLDS7FJjR1c' });
    expect(factOf(withMethod)).toMatchObject({ kind: 'payment_succeeded', cardFingerprint: 'Ab12Cd34Ef56Gh78' });
  });

  it.each([
    ['another secret', () => ({ 'stripe-signature': sign(payload, now, 'whsec_other') })],
    ['a stale timestamp', () => ({ 'stripe-signature': sign(payload, new Date(now.getTime() - 301_000)) })],
    ['a timestamp an hour in the future', () => ({ 'stripe-signature': sign(payload, new Date(now.getTime() + 3_600_000)) })],
    ['a timestamp just beyond the tolerance in the future', () => ({ 'stripe-signature': sign(payload, new Date(now.getTime() + 301_000)) })],
    ['no header', () => ({})],
    ['a tampered body', () => ({ 'stripe-signature': sign(payload.replace('1000', '9999'), now) })],
  ])('refuses a Stripe delivery with %s', (_name, headers) => {
    expect(codeOf(() => stripe.verifyWebhook(Buffer.from(payload), headers(), [secret], now))).toBe('PAYMENTS.INVALID_SIGNATURE');
  });

  it('accepts a timestamp within the tolerance on either side of now (clocks drift both ways)', () => {
    for (const offset of [-300_000, -1_000, 0, 1_000, 300_000]) {
      const verified = stripe.verifyWebhook(Buffer.from(payload), { 'stripe-signature': sign(payload, new Date(now.getTime() + offset)) }, [secret], now);
      expect(verified.eventId).toBe('evt_1');
    }
  });

  it('says why a future timestamp is refused', () => {
    try {
      stripe.verifyWebhook(Buffer.from(payload), { 'stripe-signature': sign(payload, new Date(now.getTime() + 3_600_000)) }, [secret], now);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as Error).message).toContain('tolerance');
      expect((error as Error).message).toContain('future');
    }
  });

  it('verifies Paystack HMAC-SHA512 signatures', () => {
    const body = JSON.stringify({ event: 'charge.success', data: { id: 77, reference: 'p1', amount: 5000, currency: 'NGN', channel: 'mobile_money', metadata: { tally_tenant_id: 't1', tally_payment_id: 'p1' } } });
    const good = createHmac('sha512', 'sk_ps').update(body).digest('hex');
    const verified = paystack.verifyWebhook(Buffer.from(body), { 'x-paystack-signature': good }, [new Secret('sk_ps')]);
    expect(verified).toMatchObject({ eventId: 'charge.success:77', fact: { kind: 'payment_succeeded', providerPaymentId: 'p1', amount: { amount: 5000, currency: 'NGN' }, paymentMethod: 'mobile_money' } });
    const bad = createHmac('sha512', 'sk_other').update(body).digest('hex');
    expect(codeOf(() => paystack.verifyWebhook(Buffer.from(body), { 'x-paystack-signature': bad }, [new Secret('sk_ps')]))).toBe('PAYMENTS.INVALID_SIGNATURE');
    expect(codeOf(() => paystack.verifyWebhook(Buffer.from(body), {}, [new Secret('sk_ps')]))).toBe('PAYMENTS.INVALID_SIGNATURE');
  });

  it('never prints secrets', () => {
    const loaded = loadPaymentsConfig({ STRIPE_SECRET_KEY: 'sk_live_SECRET', STRIPE_WEBHOOK_SECRET: 'whsec_SECRET', PAYSTACK_SECRET_KEY: 'sk_ps_SECRET' });
    expect(JSON.stringify(loaded)).not.toContain('SECRET');
    expect(`${String(loaded.stripe.secretKey)}`).toBe('[redacted]');
    expect(inspect(loaded, { depth: 5 })).not.toContain('SECRET');
  });
});
