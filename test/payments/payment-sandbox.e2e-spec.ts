import { EVENT_STORE, EventStore, StreamNotFoundError } from '@tally/eventstore';
import { PAYMENTS_CONFIG, PaymentsConfig, Secret, signSandboxDelivery } from '@tally/payments';
import { PG_POOL } from '@tally/platform';
import { voterStream } from '@tally/voting';
import { Pool } from 'pg';
import { createTestApp } from '../support/test-app';
import { eventually, problemType, startVotingE2e, VotingE2e } from '../voting/voting-test-kit';

/**
 * The payment sandbox of the embedded mode, through HTTP only: no provider key is set, so
 * checkout goes to the sandbox, and completing a payment sends a signed webhook through the
 * webhook route, which credits the votes as a Stripe payment would.
 */
describe('payment sandbox (no provider key)', () => {
  let kit: VotingE2e;
  let store: EventStore;
  let pool: Pool;

  beforeAll(async () => {
    kit = await startVotingE2e();
    store = kit.t.app.get(EVENT_STORE);
    pool = kit.t.app.get(PG_POOL);
  }, 120_000);
  afterAll(() => kit?.close());

  const checkout = async (token: string, votes = 10) => {
    const res = await kit.call('post', '/api/payments/checkout', token, { votes, currency: 'USD' });
    expect(res.status).toBe(201);
    return res.body as { paymentId: string; provider: string; sandbox: boolean; checkoutUrl: string; clientSecret: string; amount: { amount: number; currency: string } };
  };
  const complete = (token: string, paymentId: string, body: object) => kit.call('post', `/api/payments/sandbox/${paymentId}/complete`, token, body);
  const paymentEvents = async (paymentId: string) => (await store.readStream(`payment-${kit.t.tenantId}.${paymentId}`)).map((event) => event.type);
  const count = async (sql: string, params: unknown[]) => Number((await pool.query<{ n: string }>(sql, params)).rows[0].n);

  /** The voter's credits as voting has them (the ledger stream, no read model lag). */
  async function credits(userId: string): Promise<{ granted: number[]; balance: number }> {
    try {
      const events = await store.readStream<{ credits: number }>(voterStream(kit.t.tenantId, userId));
      const granted = events.filter((e) => e.type === 'CreditsGranted').map((e) => e.data.credits);
      const revoked = events.filter((e) => e.type === 'CreditsRevoked').reduce((sum, e) => sum + e.data.credits, 0);
      return { granted, balance: granted.reduce((a, b) => a + b, 0) - revoked };
    } catch (error) {
      if (error instanceof StreamNotFoundError) return { granted: [], balance: 0 };
      throw error;
    }
  }

  /** The sandbox's own delivery of an event, signed now (or at `at`) with `secret`. */
  function deliver(body: string, secret = sandboxSecret(), at = kit.clock.now()) {
    return kit.t.http().post('/api/payments/webhook/sandbox').set('Content-Type', 'application/json').set('Tally-Sandbox-Signature', signSandboxDelivery(body, secret, at)).send(body);
  }
  function sandboxSecret() {
    const sandbox = kit.t.app.get<PaymentsConfig>(PAYMENTS_CONFIG).sandbox;
    if (sandbox.mode === 'off') throw new Error('the sandbox should be on');
    return sandbox.webhookSecret;
  }

  it('checks out 10 votes in the sandbox, labelled as such; paying with 4242 credits them and they vote onto the leaderboard', async () => {
    const voter = await kit.voter();
    const payment = await checkout(voter.token);
    expect(payment).toMatchObject({
      provider: 'sandbox',
      sandbox: true,
      amount: { amount: 1000, currency: 'USD' },
      checkoutUrl: `/api/payments/sandbox/${payment.paymentId}/complete`,
      clientSecret: expect.stringMatching(/^pi_sandbox_\w+_secret_\w+$/),
    });

    const paid = await complete(voter.token, payment.paymentId, { card: '4242 4242 4242 4242' });
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ paymentId: payment.paymentId, provider: 'sandbox', sandbox: true, outcome: 'succeeded', status: 'completed', webhook: { eventType: 'payment_intent.succeeded', outcome: 'processed', duplicate: false } });
    // The delivery went through the webhook inbox like any provider's.
    expect(await count(`select count(*) as n from payment_webhooks where provider = 'sandbox' and provider_event_id = $1 and status = 'processed'`, [paid.body.webhook.eventId])).toBe(1);
    expect(await paymentEvents(payment.paymentId)).toEqual(['PaymentStarted', 'PaymentCompleted']);
    await eventually(async () => expect((await credits(voter.userId)).granted).toEqual([10]));

    const view = await kit.call('get', `/api/payments/${payment.paymentId}`, voter.token);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ paymentId: payment.paymentId, provider: 'sandbox', status: 'completed' });

    const { eventId, contestants } = await kit.openEvent({ contestants: ['Ada', 'Bob'] });
    const vote = await kit.vote(voter.token, contestants[0], 10);
    expect(vote.status).toBe(201);
    expect(vote.body.remaining.credits).toBe(0);
    await eventually(async () => {
      const board = (await kit.call('get', `/api/leaderboard/event/${eventId}`)).body as { items: { contestantId: string; votes: number }[] };
      expect(board.items.find((item) => item.contestantId === contestants[0])?.votes).toBe(10);
    });

    // Paying again is refused: the payment is past it.
    const again = await complete(voter.token, payment.paymentId, { card: '4242424242424242' });
    expect(again.status).toBe(409);
    expect(again.body.type).toBe(problemType('sandbox-payment-not-completable'));
  });

  it('a declined card (4000 0000 0000 0002) fails the payment and grants nothing; another card then pays it', async () => {
    const voter = await kit.voter();
    const payment = await checkout(voter.token, 5);
    const declined = await complete(voter.token, payment.paymentId, { card: '4000000000000002' });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ outcome: 'declined', status: 'failed', webhook: { eventType: 'payment_intent.payment_failed', outcome: 'processed' } });
    expect(await paymentEvents(payment.paymentId)).toEqual(['PaymentStarted', 'PaymentFailed']);

    const action = await complete(voter.token, payment.paymentId, { card: '4000002500003155' });
    expect(action.body).toMatchObject({ outcome: 'requires_action', status: 'failed', webhook: { eventType: 'payment_intent.requires_action', outcome: 'ignored' } });
    // Give the reactor time to (wrongly) grant anything before checking it did not.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await credits(voter.userId)).toEqual({ granted: [], balance: 0 });

    const paid = await complete(voter.token, payment.paymentId, { outcome: 'succeeded' });
    expect(paid.body).toMatchObject({ status: 'completed' });
    await eventually(async () => expect((await credits(voter.userId)).granted).toEqual([5]));
  });

  it('refuses a forged or unsigned sandbox webhook with 400 and records nothing', async () => {
    const voter = await kit.voter();
    const payment = await checkout(voter.token, 3);
    // A well-formed success event for the payment, as the sandbox would send it.
    const intent = (await kit.call('get', `/api/payments/${payment.paymentId}`, voter.token)).body as { providerPaymentId?: string };
    const event = {
      id: `evt_sandbox_forged_${payment.paymentId.replace(/-/g, '')}`,
      object: 'event',
      type: 'payment_intent.succeeded',
      created: Math.floor(kit.clock.now().getTime() / 1000),
      data: {
        object: {
          id: intent.providerPaymentId ?? payment.clientSecret.split('_secret_')[0],
          object: 'payment_intent',
          amount: 300,
          amount_received: 300,
          currency: 'usd',
          status: 'succeeded',
          payment_method_types: ['card'],
          metadata: { tally_tenant_id: kit.t.tenantId, tally_payment_id: payment.paymentId, tally_voter_id: voter.userId, tally_votes: '3', tally_contest_id: '' },
        },
      },
    };
    const body = JSON.stringify(event);
    const forged = await deliver(body, new Secret('whsec_sandbox_guessed'));
    const unsigned = await kit.t.http().post('/api/payments/webhook/sandbox').set('Content-Type', 'application/json').send(body);
    const future = await deliver(body, sandboxSecret(), new Date(kit.clock.now().getTime() + 3_600_000));
    for (const response of [forged, unsigned, future]) {
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.type).toBe(problemType('invalid-webhook-signature'));
    }
    expect(future.body.detail).toContain('tolerance');
    expect(await count('select count(*) as n from payment_webhooks where provider_event_id = $1', [event.id])).toBe(0);
    expect(await paymentEvents(payment.paymentId)).toEqual(['PaymentStarted']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await credits(voter.userId)).toEqual({ granted: [], balance: 0 });
  });

  it('a duplicate delivery of the same event is acknowledged and grants nothing more', async () => {
    const voter = await kit.voter();
    const payment = await checkout(voter.token, 4);
    const paid = await complete(voter.token, payment.paymentId, {});
    expect(paid.body.status).toBe('completed');
    const [row] = (await pool.query<{ payload: { event: unknown } }>('select payload from payment_webhooks where provider_event_id = $1', [paid.body.webhook.eventId])).rows;
    const again = await deliver(JSON.stringify(row.payload.event));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ received: true, duplicate: true });
    await eventually(async () => expect((await credits(voter.userId)).granted).toEqual([4]));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await credits(voter.userId)).toEqual({ granted: [4], balance: 4 });
    expect(await paymentEvents(payment.paymentId)).toEqual(['PaymentStarted', 'PaymentCompleted']);
  });

  it('refunds a sandbox payment as Stripe would: accepted, then confirmed by charge.refunded, and the credits go back', async () => {
    const voter = await kit.voter();
    const payment = await checkout(voter.token, 6);
    await complete(voter.token, payment.paymentId, {});
    await eventually(async () => expect((await credits(voter.userId)).balance).toBe(6));
    const refund = await kit.call('post', '/api/refunds', kit.organizer, { paymentId: payment.paymentId, reason: 'sandbox refund test' });
    expect(refund.status).toBe(202);
    await eventually(async () => expect(await paymentEvents(payment.paymentId)).toEqual(['PaymentStarted', 'PaymentCompleted', 'RefundRequested', 'PaymentRefunded']));
    await eventually(async () => expect((await credits(voter.userId)).balance).toBe(0));
    expect((await kit.call('get', `/api/payments/${payment.paymentId}`, voter.token)).body.status).toBe('refunded');
  });

  it("is nobody else's to complete (404), and takes only test cards (422 naming the field)", async () => {
    const owner = await kit.voter();
    const stranger = await kit.voter();
    const payment = await checkout(owner.token, 2);
    const foreign = await complete(stranger.token, payment.paymentId, {});
    expect(foreign.status).toBe(404);
    const realCard = await complete(owner.token, payment.paymentId, { card: '5555555555554444' });
    expect(realCard.status).toBe(422);
    expect(realCard.body.type).toBe(problemType('sandbox-card-unknown'));
    expect(await paymentEvents(payment.paymentId)).toEqual(['PaymentStarted']);
  });
});

describe('payment sandbox in production', () => {
  // Production refuses generated secrets; these are the operator's own.
  const secrets = { JWT_SECRET: 'p'.repeat(40), TALLY_MASTER_KEY: 'm'.repeat(40), IDENTITY_PII_HMAC_KEY: 'i'.repeat(40), BCRYPT_COST: '10' };

  it('is never offered: with no provider key, checkout is 503 as before and the sandbox webhook is 503', async () => {
    const t = await createTestApp({ env: { NODE_ENV: 'production', ...secrets } });
    try {
      const email = 'prod-voter@example.com';
      await t.http().post('/api/auth/signup').set('X-Tenant-Id', 'demo').send({ email, password: 'Correct-Horse-9' }).expect(201);
      const token = (await t.http().post('/api/auth/login').set('X-Tenant-Id', 'demo').send({ email, password: 'Correct-Horse-9' }).expect(200)).body.accessToken as string;
      const checkout = await t.http().post('/api/payments/checkout').set('X-Tenant-Id', 'demo').set('Authorization', `Bearer ${token}`).send({ votes: 10, currency: 'USD' });
      expect(checkout.status).toBe(503);
      expect(checkout.body.type).toBe(problemType('payment-provider-not-configured'));
      const webhook = await t.http().post('/api/payments/webhook/sandbox').set('Content-Type', 'application/json').set('Tally-Sandbox-Signature', 't=1,v1=00').send('{"id":"evt_1"}');
      expect(webhook.status).toBe(503);
      expect(await t.app.get<Pool>(PG_POOL).query('select 1 from payment_webhooks')).toMatchObject({ rowCount: 0 });
    } finally {
      await t.close();
    }
  }, 120_000);

  it('refuses to start when PAYMENTS_SANDBOX=true is asked for', async () => {
    await expect(createTestApp({ env: { NODE_ENV: 'production', PAYMENTS_SANDBOX: 'true', ...secrets } })).rejects.toThrow('PAYMENTS_SANDBOX cannot be enabled with NODE_ENV=production');
  }, 120_000);
});
