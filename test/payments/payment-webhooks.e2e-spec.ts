import { createHmac } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import { commandMetadata, EVENT_STORE, EventStore, StreamNotFoundError } from '@tally/eventstore';
import { FakeProviderServer, ReconcilePaymentsJob, StartCheckoutCommand, StartCheckoutResult, WebhookRetryJob } from '@tally/payments';
import { PG_POOL, uuidv7 } from '@tally/platform';
import { voterStream } from '@tally/voting';
import { Pool } from 'pg';
import Stripe from 'stripe';
import { createTestApp, TestApp } from '../support/test-app';

const WEBHOOK_SECRET = 'whsec_e2e_secret';
const PAYSTACK_KEY = 'sk_test_paystack_e2e';

describe('payment webhooks (HTTP, real signatures)', () => {
  const fake = new FakeProviderServer();
  let t: TestApp;
  let pool: Pool;
  let store: EventStore;

  beforeAll(async () => {
    await fake.start();
    t = await createTestApp({ env: { STRIPE_API_URL: fake.url, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, PAYSTACK_API_URL: fake.url, PAYSTACK_SECRET_KEY: PAYSTACK_KEY } });
    pool = t.app.get(PG_POOL);
    store = t.app.get(EVENT_STORE);
  });
  afterAll(async () => {
    await t?.close();
    await fake.stop();
  });

  async function checkout(votes: number, provider: 'stripe' | 'paystack' = 'stripe', currency = 'USD'): Promise<StartCheckoutResult & { voterId: string }> {
    const voterId = uuidv7();
    const result: StartCheckoutResult = await t.app.get(CommandBus).execute(
      new StartCheckoutCommand(
        { voterId, contestId: null, votes, currency, provider, country: null, email: 'voter@example.com', idempotencyKey: null },
        commandMetadata({ tenantId: t.tenantId, actorId: voterId, clientIp: null }),
      ),
    );
    return { ...result, voterId };
  }

  function intentOf(payment: { paymentId: string }): { id: string; amount: number; metadata: Record<string, string> } {
    const request = fake.requests.find((r) => r.path === '/v1/payment_intents' && r.body['metadata[tally_payment_id]'] === payment.paymentId)!;
    const metadata = Object.fromEntries(Object.entries(request.body).filter(([k]) => k.startsWith('metadata[')).map(([k, v]) => [k.slice(9, -1), String(v)]));
    const intent = fake.stripeIntents.find((i) => (i.metadata as Record<string, string>).tally_payment_id === payment.paymentId)!;
    return { id: String(intent.id), amount: Number(request.body.amount), metadata };
  }

  function stripeEvent(type: string, object: Record<string, unknown>, id = `evt_${uuidv7()}`): string {
    return JSON.stringify({ id, object: 'event', type, api_version: '2026-10-28', created: Math.floor(Date.now() / 1000), data: { object } });
  }

  function deliver(body: string, signedAt = new Date(), secret = WEBHOOK_SECRET) {
    const signature = Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp: Math.floor(signedAt.getTime() / 1000) });
    return t.http().post('/api/payments/webhook').set('Content-Type', 'application/json').set('Stripe-Signature', signature).send(body);
  }

  function succeeded(payment: { paymentId: string }, eventId?: string): string {
    const intent = intentOf(payment);
    return stripeEvent('payment_intent.succeeded', { id: intent.id, object: 'payment_intent', amount: intent.amount, amount_received: intent.amount, currency: 'usd', status: 'succeeded', payment_method_types: ['card'], metadata: intent.metadata }, eventId);
  }

  function refunded(payment: { paymentId: string }, amountRefunded: number): string {
    const intent = intentOf(payment);
    return stripeEvent('charge.refunded', { id: `ch_${intent.id}`, object: 'charge', payment_intent: intent.id, amount: intent.amount, amount_refunded: amountRefunded, currency: 'usd', metadata: intent.metadata });
  }

  /** Credit movements on the voter's ledger: what actually reached voting. */
  async function ledger(voterId: string): Promise<{ granted: number[]; revoked: number[]; balance: number }> {
    try {
      const events = await store.readStream<{ credits: number }>(voterStream(t.tenantId, voterId));
      const granted = events.filter((e) => e.type === 'CreditsGranted').map((e) => e.data.credits);
      const revoked = events.filter((e) => e.type === 'CreditsRevoked').map((e) => e.data.credits);
      return { granted, revoked, balance: granted.reduce((a, b) => a + b, 0) - revoked.reduce((a, b) => a + b, 0) };
    } catch (error) {
      if (error instanceof StreamNotFoundError) return { granted: [], revoked: [], balance: 0 };
      throw error;
    }
  }

  async function status(paymentId: string): Promise<string | undefined> {
    const events = await store.readStream(`payment-${t.tenantId}.${paymentId}`);
    const types = events.map((e) => e.type);
    return types.includes('PaymentRefunded') ? (await pool.query<{ status: string }>('select status from payments where payment_id = $1', [paymentId])).rows[0]?.status : types.at(-1);
  }

  async function eventually(check: () => Promise<void>, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await check();
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  const count = async (sql: string, params: unknown[]) => Number((await pool.query<{ n: string }>(sql, params)).rows[0].n);

  it('creates the PaymentIntent with the price-list amount, currency, idempotency key and our ids', async () => {
    const payment = await checkout(10);
    expect(payment).toMatchObject({ provider: 'stripe', amount: { amount: 1000, currency: 'USD' }, clientSecret: expect.stringContaining('_secret_') });
    const sent = fake.requests.find((r) => r.body['metadata[tally_payment_id]'] === payment.paymentId)!;
    expect(sent.headers['idempotency-key']).toBe(`tally-checkout-${payment.paymentId}`);
    expect(sent.body).toMatchObject({ amount: '1000', currency: 'usd', 'metadata[tally_tenant_id]': t.tenantId, 'metadata[tally_voter_id]': payment.voterId, 'metadata[tally_votes]': '10' });
  });

  it('refuses a bad signature with 400 and records nothing as verified', async () => {
    const payment = await checkout(3);
    const eventId = `evt_bad_${uuidv7()}`;
    const response = await deliver(succeeded(payment, eventId), new Date(), 'whsec_wrong');
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.type).toBe('https://tally.dev/problems/invalid-webhook-signature');
    expect(await count('select count(*) as n from payment_webhooks where provider_event_id = $1', [eventId])).toBe(0);
    expect(await count(`select count(*) as n from payment_logs where event = 'webhook.rejected'`, [])).toBeGreaterThan(0);
    expect(await status(payment.paymentId)).toBe('PaymentStarted');
    expect((await ledger(payment.voterId)).granted).toEqual([]);
  });

  it('refuses a stale timestamp (older than 300 s)', async () => {
    const payment = await checkout(3);
    const response = await deliver(succeeded(payment), new Date(Date.now() - 301_000));
    expect(response.status).toBe(400);
    expect(response.body.detail).toContain('tolerance');
    expect(await status(payment.paymentId)).toBe('PaymentStarted');
  });

  it('refuses a timestamp beyond the tolerance in the future too (an hour ahead)', async () => {
    const payment = await checkout(3);
    const eventId = `evt_future_${uuidv7()}`;
    const response = await deliver(succeeded(payment, eventId), new Date(Date.now() + 3_600_000));
    expect(response.status).toBe(400);
    expect(response.body.detail).toContain('tolerance');
    expect(await count('select count(*) as n from payment_webhooks where provider_event_id = $1', [eventId])).toBe(0);
    expect(await status(payment.paymentId)).toBe('PaymentStarted');
  });

  it('completes the payment and grants its votes once, whatever the duplicates', async () => {
    const payment = await checkout(7);
    const body = succeeded(payment);
    const first = await deliver(body);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ received: true, duplicate: false, outcome: 'processed' });
    const again = await deliver(body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ received: true, duplicate: true });
    expect(await status(payment.paymentId)).toBe('PaymentCompleted');
    await eventually(async () => expect((await ledger(payment.voterId)).granted).toEqual([7]));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await ledger(payment.voterId)).toEqual({ granted: [7], revoked: [], balance: 7 });
  });

  it('ten parallel deliveries of one event: one record, ten logs, one grant', async () => {
    const payment = await checkout(5);
    const eventId = `evt_par_${uuidv7()}`;
    const body = succeeded(payment, eventId);
    const responses = await Promise.all(Array.from({ length: 10 }, () => deliver(body)));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(responses.filter((r) => r.body.duplicate === false)).toHaveLength(1);
    expect(await count('select count(*) as n from payment_webhooks where provider_event_id = $1', [eventId])).toBe(1);
    expect(await count(`select count(*) as n from payment_logs where response->>'eventId' = $1 and event in ('webhook.received', 'webhook.duplicate')`, [eventId])).toBe(10);
    await eventually(async () => expect((await ledger(payment.voterId)).granted).toEqual([5]));
    const completions = (await store.readStream(`payment-${t.tenantId}.${payment.paymentId}`)).filter((e) => e.type === 'PaymentCompleted');
    expect(completions).toHaveLength(1);
  });

  it('a refund arriving before the success ends refunded, with the credits granted and taken back once', async () => {
    const payment = await checkout(4);
    expect((await deliver(refunded(payment, 400))).status).toBe(200);
    expect((await deliver(succeeded(payment))).status).toBe(200);
    const types = (await store.readStream(`payment-${t.tenantId}.${payment.paymentId}`)).map((e) => e.type);
    expect(types).toEqual(['PaymentStarted', 'PaymentCompleted', 'PaymentRefunded']);
    await eventually(async () => expect(await ledger(payment.voterId)).toEqual({ granted: [4], revoked: [4], balance: 0 }));
  });

  it('partial then full refunds take back proportional credits', async () => {
    const payment = await checkout(10);
    await deliver(succeeded(payment)).expect(200);
    await deliver(refunded(payment, 300)).expect(200);
    await deliver(refunded(payment, 300)).expect(200);
    await eventually(async () => expect(await ledger(payment.voterId)).toEqual({ granted: [10], revoked: [3], balance: 7 }));
    await deliver(refunded(payment, 1000)).expect(200);
    await eventually(async () => expect(await ledger(payment.voterId)).toEqual({ granted: [10], revoked: [3, 7], balance: 0 }));
    await eventually(async () => expect((await pool.query('select status, amount_refunded from payments where payment_id = $1', [payment.paymentId])).rows[0]).toEqual({ status: 'refunded', amount_refunded: '1000' }));
  });

  it('a dispute holds the credits; lost, it acts as a refund (dispute_cases)', async () => {
    const payment = await checkout(6);
    const intent = intentOf(payment);
    await deliver(succeeded(payment)).expect(200);
    await eventually(async () => expect((await ledger(payment.voterId)).balance).toBe(6));
    const dispute = { id: `dp_${uuidv7()}`, object: 'dispute', payment_intent: intent.id, charge: `ch_${intent.id}`, amount: intent.amount, currency: 'usd', reason: 'fraudulent', metadata: intent.metadata };
    await deliver(stripeEvent('charge.dispute.created', { ...dispute, status: 'needs_response' })).expect(200);
    await eventually(async () => expect((await ledger(payment.voterId)).balance).toBe(0));
    await deliver(stripeEvent('radar.early_fraud_warning.created', { id: `issfr_${uuidv7()}`, payment_intent: intent.id, charge: `ch_${intent.id}`, fraud_type: 'stolen_card', actionable: true, metadata: intent.metadata })).expect(200);
    await deliver(stripeEvent('charge.dispute.closed', { ...dispute, status: 'lost' })).expect(200);
    await eventually(async () => {
      const row = (await pool.query('select status, resolution, credits_held from dispute_cases where dispute_id = $1', [dispute.id])).rows[0];
      expect(row).toEqual({ status: 'lost', resolution: 'funds_returned', credits_held: 6 });
    });
    // Held 6 (the warning after the dispute holds nothing more); the loss takes the held 6 for
    // good without revoking again: nothing left, nothing double-counted.
    await eventually(async () => expect((await pool.query('select credits_held from payments where payment_id = $1', [payment.paymentId])).rows[0].credits_held).toBe(0));
    expect(await ledger(payment.voterId)).toEqual({ granted: [6], revoked: [6], balance: 0 });
    expect(await status(payment.paymentId)).toBe('refunded');
  });

  it('a won dispute gives the held credits back', async () => {
    const payment = await checkout(2);
    const intent = intentOf(payment);
    await deliver(succeeded(payment)).expect(200);
    const dispute = { id: `dp_${uuidv7()}`, object: 'dispute', payment_intent: intent.id, amount: intent.amount, currency: 'usd', reason: 'general', metadata: intent.metadata };
    await deliver(stripeEvent('charge.dispute.created', { ...dispute, status: 'needs_response' })).expect(200);
    await deliver(stripeEvent('charge.dispute.closed', { ...dispute, status: 'won' })).expect(200);
    await eventually(async () => expect(await ledger(payment.voterId)).toEqual({ granted: [2, 2], revoked: [2], balance: 2 }));
  });

  it('Paystack: HMAC-SHA512 signature, charge.success grants once; a bad signature is 400', async () => {
    const payment = await checkout(3, 'paystack', 'USD');
    const body = JSON.stringify({ event: 'charge.success', data: { id: Date.now(), reference: payment.paymentId, amount: 300, currency: 'USD', status: 'success', channel: 'mobile_money', metadata: { tally_tenant_id: t.tenantId, tally_payment_id: payment.paymentId } } });
    const sign = (key: string) => createHmac('sha512', key).update(body).digest('hex');
    await t.http().post('/api/payments/webhook/paystack').set('Content-Type', 'application/json').set('x-paystack-signature', sign('sk_wrong')).send(body).expect(400);
    await t.http().post('/api/payments/webhook/paystack').set('Content-Type', 'application/json').set('x-paystack-signature', sign(PAYSTACK_KEY)).send(body).expect(200);
    await t.http().post('/api/payments/webhook/paystack').set('Content-Type', 'application/json').set('x-paystack-signature', sign(PAYSTACK_KEY)).send(body).expect(200);
    await eventually(async () => expect((await ledger(payment.voterId)).granted).toEqual([3]));
  });

  it('a delivery whose processing failed is kept and repaired by the retry job', async () => {
    const payment = await checkout(2);
    const intent = intentOf(payment);
    // The provider reports another amount: processing refuses it, the delivery is kept as failed.
    const wrong = stripeEvent('payment_intent.succeeded', { id: intent.id, amount: 999, amount_received: 999, currency: 'usd', payment_method_types: ['card'], metadata: intent.metadata });
    const response = await deliver(wrong);
    expect(response.status).toBe(200);
    expect(response.body.outcome).toBe('failed');
    const [row] = (await pool.query(`select status, attempts, last_error from payment_webhooks where webhook_id = $1`, [response.body.webhookId])).rows;
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.last_error).toContain('999');
    await pool.query(`update payment_webhooks set next_attempt_at = now() - interval '1 minute' where webhook_id = $1`, [response.body.webhookId]);
    expect(await t.app.get(WebhookRetryJob).run()).toMatchObject({ failed: expect.any(Number) });
    expect((await pool.query(`select attempts from payment_webhooks where webhook_id = $1`, [response.body.webhookId])).rows[0].attempts).toBe(2);
  });

  it('a delivery recorded but never processed (the process stopped) is picked up by the retry job', async () => {
    const payment = await checkout(3);
    const response = await deliver(succeeded(payment));
    expect(response.status).toBe(200);
    // Mark the row as a crash right after recording leaves it (recorded, not processed). The
    // payment's events exist already here, so processing again must also change nothing;
    // crash-recovery.e2e-spec.ts kills a real process.
    await pool.query(`update payment_webhooks set status = 'received', attempts = 0, processed_at = null, verified_at = now() - interval '10 minutes' where webhook_id = $1`, [response.body.webhookId]);
    const fresh = await checkout(1);
    const stillFresh = await deliver(succeeded(fresh));
    await pool.query(`update payment_webhooks set status = 'received' where webhook_id = $1`, [stillFresh.body.webhookId]);
    const counts = await t.app.get(WebhookRetryJob).run();
    expect(counts.processed).toBeGreaterThanOrEqual(1);
    expect((await pool.query(`select status from payment_webhooks where webhook_id = $1`, [response.body.webhookId])).rows[0].status).toBe('processed');
    // One recorded a moment ago is left alone: its own request may still be processing it.
    expect((await pool.query(`select status from payment_webhooks where webhook_id = $1`, [stillFresh.body.webhookId])).rows[0].status).toBe('received');
    await eventually(async () => expect((await ledger(payment.voterId)).granted).toEqual([3]));
  });

  it('reconciliation applies a success the webhooks never delivered', async () => {
    const payment = await checkout(9);
    const intent = fake.stripeIntents.find((i) => (i.metadata as Record<string, string>).tally_payment_id === payment.paymentId)!;
    intent.status = 'succeeded';
    intent.amount_received = intent.amount;
    const result = await t.app.get(ReconcilePaymentsJob).run();
    expect(result.repaired).toBeGreaterThanOrEqual(1);
    expect(await status(payment.paymentId)).toBe('PaymentCompleted');
    await eventually(async () => expect((await ledger(payment.voterId)).granted).toEqual([9]));
    expect((await t.app.get(ReconcilePaymentsJob).run()).repaired).toBe(0);
  });
});
