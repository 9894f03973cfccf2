import { EVENT_STORE, EventStore, StreamNotFoundError } from '@tally/eventstore';
import { FakeProviderServer } from '@tally/payments';
import { voterStream } from '@tally/voting';
import Stripe from 'stripe';
import { eventually, problemType, startVotingE2e, VotingE2e } from '../voting/voting-test-kit';

const WEBHOOK_SECRET = 'whsec_holds_e2e';
type Voter = { userId: string; token: string };
type Bought = { paymentId: string; intent: { id: string; amount: number; metadata: Record<string, string> } };

/**
 * Disputes and early fraud warnings against credits a voter partly spent: what is held, what
 * is voided, what comes back, in every order, with real signed webhooks and the leaderboard.
 */
describe('credit holds: disputes, early fraud warnings, spent credits', () => {
  const fake = new FakeProviderServer();
  let k: VotingE2e;
  let store: EventStore;
  let event: { eventId: string; contestants: string[] };

  beforeAll(async () => {
    await fake.start();
    k = await startVotingE2e({ STRIPE_API_URL: fake.url, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, PAYMENTS_REFUND_RETRY_BASE_MS: '50', PAYMENTS_REFUND_RETRY_ATTEMPTS: '3' });
    store = k.t.app.get(EVENT_STORE);
    event = await k.openEvent({ voteCap: 1000 });
  });
  afterAll(async () => {
    await k?.close();
    await fake.stop();
  });

  function deliver(type: string, object: Record<string, unknown>) {
    const body = JSON.stringify({ id: `evt_${Math.random().toString(36).slice(2)}`, object: 'event', type, data: { object } });
    const signature = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: WEBHOOK_SECRET, timestamp: Math.floor(k.clock.now().getTime() / 1000) });
    return k.t.http().post('/api/payments/webhook').set('Content-Type', 'application/json').set('Stripe-Signature', signature).send(body).expect(200);
  }

  /** The voter's balance as voting's ledger has it (every voter event carries balanceAfter). */
  async function balance(userId: string): Promise<number> {
    try {
      const events = await store.readStream<{ balanceAfter?: number }>(voterStream(k.t.tenantId, userId));
      return events.filter((e) => typeof e.data.balanceAfter === 'number').at(-1)?.data.balanceAfter ?? 0;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return 0;
      throw error;
    }
  }

  async function voided(userId: string): Promise<number> {
    const events = await store.readStream<{ paidRecovered: number }>(voterStream(k.t.tenantId, userId));
    return events.filter((e) => e.type === 'VoteVoided').reduce((sum, e) => sum + e.data.paidRecovered, 0);
  }

  async function votesFor(contestantId: string): Promise<number> {
    const board = await k.call('get', `/api/leaderboard/event/${event.eventId}`);
    return (board.body.items as { contestantId: string; votes: number }[]).find((item) => item.contestantId === contestantId)?.votes ?? 0;
  }

  /** Checks out `votes` for the event (HTTP), without paying yet. */
  async function checkout(voter: Voter, votes: number): Promise<Bought> {
    const res = await k.call('post', '/api/payments/checkout', voter.token, { eventId: event.eventId, votes, currency: 'USD' });
    expect(res.status).toBe(201);
    const paymentId = res.body.paymentId as string;
    const intent = fake.stripeIntents.find((i) => (i.metadata as Record<string, string>).tally_payment_id === paymentId)!;
    return { paymentId, intent: { id: String(intent.id), amount: Number(intent.amount), metadata: intent.metadata as Record<string, string> } };
  }

  const succeed = ({ intent }: Bought) =>
    deliver('payment_intent.succeeded', { id: intent.id, object: 'payment_intent', amount: intent.amount, amount_received: intent.amount, currency: 'usd', status: 'succeeded', payment_method_types: ['card'], metadata: intent.metadata });
  const dispute = ({ intent }: Bought, id: string, status: string) =>
    deliver(status === 'needs_response' ? 'charge.dispute.created' : 'charge.dispute.closed', { id, object: 'dispute', payment_intent: intent.id, amount: intent.amount, currency: 'usd', reason: 'fraudulent', status, metadata: intent.metadata });
  const warn = ({ intent }: Bought, id = `issfr_${Math.random().toString(36).slice(2)}`) =>
    deliver('radar.early_fraud_warning.created', { id, object: 'radar.early_fraud_warning', payment_intent: intent.id, charge: `ch_${intent.id}`, fraud_type: 'made_with_stolen_card', actionable: true, metadata: intent.metadata });
  const refunded = ({ intent }: Bought, amountRefunded: number) =>
    deliver('charge.refunded', { id: `ch_${intent.id}`, object: 'charge', payment_intent: intent.id, amount: intent.amount, amount_refunded: amountRefunded, currency: 'usd', metadata: intent.metadata, refunds: { data: [] } });

  /** A voter who bought 10 votes and cast 6 of them (3 + 3) for the first contestant. */
  async function buyTenSpendSix(): Promise<{ voter: Voter; bought: Bought; before: number }> {
    const voter = await k.voter();
    const bought = await checkout(voter, 10);
    await succeed(bought);
    await eventually(async () => expect(await balance(voter.userId)).toBe(10));
    const before = await votesFor(event.contestants[0]);
    expect((await k.vote(voter.token, event.contestants[0], 3)).status).toBe(201);
    expect((await k.vote(voter.token, event.contestants[0], 3)).status).toBe(201);
    expect(await balance(voter.userId)).toBe(4);
    await eventually(async () => expect(await votesFor(event.contestants[0])).toBe(before + 6));
    return { voter, bought, before };
  }

  const putPriceList = (body: object) => k.t.http().put('/api/payments/price-list').set('X-Tenant-Id', 'demo').set('Authorization', `Bearer ${k.organizer}`).send(body);
  const payment = async (voter: Voter, paymentId: string) => (await k.call('get', `/api/payments/${paymentId}`, voter.token)).body as Record<string, unknown>;

  describe('checkout names its event', () => {
    it('refuses an unknown event (404) and a closed one (409), creating nothing at the provider', async () => {
      const voter = await k.voter();
      const calls = fake.requests.length;
      const unknown = await k.call('post', '/api/payments/checkout', voter.token, { eventId: '01900000-0000-7000-8000-00000000abcd', votes: 2, currency: 'USD' });
      expect(unknown.status).toBe(404);
      expect(unknown.headers['content-type']).toContain('application/problem+json');
      expect(unknown.body.type).toBe(problemType('event-not-found'));
      const closedEvent = await k.openEvent({});
      expect((await k.call('post', '/api/admin/events/status', k.organizer, { eventId: closedEvent.eventId, status: 'closed' })).status).toBe(200);
      const closed = await k.call('post', '/api/payments/checkout', voter.token, { eventId: closedEvent.eventId, votes: 2, currency: 'USD' });
      expect(closed.status).toBe(409);
      expect(closed.body.type).toBe(problemType('event-closed'));
      expect(fake.requests.length).toBe(calls);
      expect((await k.call('get', '/api/payments/history', voter.token)).body.items).toEqual([]);
    });

    it('prices from the event list that voting knows; a list for an unknown event is refused', async () => {
      expect((await putPriceList({ eventId: '01900000-0000-7000-8000-00000000abcd', baseCurrency: 'USD', prices: [{ currency: 'USD', unitAmount: 250 }] })).status).toBe(404);
      const priced = await k.openEvent({});
      expect((await putPriceList({ eventId: priced.eventId, baseCurrency: 'USD', prices: [{ currency: 'USD', unitAmount: 250 }] })).status).toBe(200);
      const voter = await k.voter();
      const res = await k.call('post', '/api/payments/checkout', voter.token, { eventId: priced.eventId, votes: 2, currency: 'USD' });
      expect(res.status).toBe(201);
      expect(res.body.amount).toEqual({ amount: 500, currency: 'USD' });
      expect((await payment(voter, res.body.paymentId as string)).eventId).toBe(priced.eventId);
    });
  });

  describe('a dispute on partly spent credits', () => {
    it('holds the 4 unspent; lost, the 6 spent are voided and the leaderboard follows', async () => {
      const { voter, bought, before } = await buyTenSpendSix();
      await dispute(bought, `dp_${bought.paymentId}`, 'needs_response');
      await eventually(async () => expect((await payment(voter, bought.paymentId)).creditsHeld).toBe(4));
      expect(await balance(voter.userId)).toBe(0);
      // Spent credits stay counted while the dispute is open.
      expect(await votesFor(event.contestants[0])).toBe(before + 6);
      await dispute(bought, `dp_${bought.paymentId}`, 'lost');
      await eventually(async () => expect(await voided(voter.userId)).toBe(6));
      await eventually(async () => expect(await votesFor(event.contestants[0])).toBe(before));
      expect(await balance(voter.userId)).toBe(0);
      expect(await payment(voter, bought.paymentId)).toMatchObject({ status: 'refunded', creditsHeld: 0 });
    });

    it('won, the 4 held come back and the 6 votes stay', async () => {
      const { voter, bought, before } = await buyTenSpendSix();
      await dispute(bought, `dp_${bought.paymentId}`, 'needs_response');
      await eventually(async () => expect((await payment(voter, bought.paymentId)).creditsHeld).toBe(4));
      await dispute(bought, `dp_${bought.paymentId}`, 'won');
      await eventually(async () => expect(await balance(voter.userId)).toBe(4));
      expect(await payment(voter, bought.paymentId)).toMatchObject({ status: 'completed', creditsHeld: 0 });
      expect(await voided(voter.userId)).toBe(0);
      expect(await votesFor(event.contestants[0])).toBe(before + 6);
    });
  });

  describe('early fraud warnings', () => {
    it('hold the unspent credits and flag the payment; a dispute after it holds nothing more; lost, exactly the spent votes are voided', async () => {
      const { voter, bought, before } = await buyTenSpendSix();
      await warn(bought);
      await eventually(async () => expect(await payment(voter, bought.paymentId)).toMatchObject({ creditsHeld: 4, fraudWarnedAt: expect.any(String), status: 'completed' }));
      expect(await balance(voter.userId)).toBe(0);
      await eventually(async () => {
        const [item] = (await k.call('get', '/api/payments/history', voter.token)).body.items as Record<string, unknown>[];
        expect(item).toMatchObject({ paymentId: bought.paymentId, creditsHeld: 4, fraudWarnedAt: expect.any(String) });
      });
      // Not opted in: nothing was refunded at the provider.
      expect(fake.requests.filter((r) => r.path === '/v1/refunds' && r.body.payment_intent === bought.intent.id)).toHaveLength(0);
      await dispute(bought, `dp_${bought.paymentId}`, 'needs_response');
      await dispute(bought, `dp_${bought.paymentId}`, 'lost');
      await eventually(async () => expect(await voided(voter.userId)).toBe(6));
      await eventually(async () => expect(await votesFor(event.contestants[0])).toBe(before));
      expect(await balance(voter.userId)).toBe(0);
      expect((await payment(voter, bought.paymentId)).creditsHeld).toBe(0);
    });

    it('then a won dispute gives the warning’s hold back', async () => {
      const { voter, bought } = await buyTenSpendSix();
      await warn(bought);
      await dispute(bought, `dp_${bought.paymentId}`, 'needs_response');
      await eventually(async () => expect((await payment(voter, bought.paymentId)).creditsHeld).toBe(4));
      await dispute(bought, `dp_${bought.paymentId}`, 'won');
      await eventually(async () => expect(await balance(voter.userId)).toBe(4));
      expect(await voided(voter.userId)).toBe(0);
    });

    it('then a refund takes the held credits and voids only the spent ones', async () => {
      const { voter, bought, before } = await buyTenSpendSix();
      await warn(bought);
      await eventually(async () => expect((await payment(voter, bought.paymentId)).creditsHeld).toBe(4));
      await refunded(bought, bought.intent.amount);
      await eventually(async () => expect(await voided(voter.userId)).toBe(6));
      await eventually(async () => expect(await votesFor(event.contestants[0])).toBe(before));
      expect(await balance(voter.userId)).toBe(0);
      expect(await payment(voter, bought.paymentId)).toMatchObject({ status: 'refunded', creditsHeld: 0 });
    });

    it('arriving before the success: the success is implied, the credits granted and held at once', async () => {
      const voter = await k.voter();
      const bought = await checkout(voter, 5);
      await warn(bought);
      await succeed(bought);
      await eventually(async () => expect((await payment(voter, bought.paymentId)).creditsHeld).toBe(5));
      expect(await balance(voter.userId)).toBe(0);
      const types = (await store.readStream(`payment-${k.t.tenantId}.${bought.paymentId}`)).map((e) => e.type);
      expect(types.filter((type) => type === 'PaymentCompleted')).toHaveLength(1);
    });

    it('refund the payment automatically when the tenant opts in; the confirmation takes the credits once', async () => {
      const settings = await k.call('post', `/api/tenants/${k.t.tenantId}/config`, k.organizer, { settings: { refundOnEarlyFraudWarning: true } });
      expect(settings.status).toBe(200);
      try {
        const { voter, bought, before } = await buyTenSpendSix();
        await warn(bought);
        await warn(bought); // a second warning (another id) asks for nothing more
        const refundCalls = () => fake.requests.filter((r) => r.path === '/v1/refunds' && r.body.payment_intent === bought.intent.id);
        await eventually(async () => expect(refundCalls()).toHaveLength(1));
        expect(refundCalls()[0].body).toMatchObject({ amount: String(bought.intent.amount) });
        expect(refundCalls()[0].headers['idempotency-key']).toMatch(/^tally-refund-/);
        await eventually(async () => expect((await payment(voter, bought.paymentId)).creditsHeld).toBe(4));
        await refunded(bought, bought.intent.amount);
        await eventually(async () => expect(await voided(voter.userId)).toBe(6));
        await eventually(async () => expect(await votesFor(event.contestants[0])).toBe(before));
        expect(await balance(voter.userId)).toBe(0);
        expect(await payment(voter, bought.paymentId)).toMatchObject({ status: 'refunded', creditsHeld: 0 });
      } finally {
        await k.call('post', `/api/tenants/${k.t.tenantId}/config`, k.organizer, { settings: { refundOnEarlyFraudWarning: null } });
      }
    });
  });
  describe('an organizer releases a fraud warning’s hold', () => {
    const release = (paymentId: string, token = k.organizer, reason = 'issuer confirmed the card holder') => k.call('post', `/api/payments/${paymentId}/release-hold`, token, { reason });
    const streamOf = (paymentId: string) => store.readStream<Record<string, unknown>>(`payment-${k.t.tenantId}.${paymentId}`);

    it('gives the held credits back once, recorded with who and why; a dispute afterwards holds them again and, lost, voids exactly what was spent', async () => {
      const { voter, bought, before } = await buyTenSpendSix();
      await warn(bought);
      await eventually(async () => expect((await payment(voter, bought.paymentId)).creditsHeld).toBe(4));
      const calls = fake.requests.length;
      expect((await release(bought.paymentId, voter.token)).status).toBe(403);
      const refused = await k.call('post', `/api/payments/${bought.paymentId}/release-hold`, k.organizer, { reason: '' });
      expect(refused.status).toBe(422);
      expect(refused.headers['content-type']).toContain('application/problem+json');

      const released = await release(bought.paymentId);
      expect(released.status).toBe(200);
      expect(released.body).toMatchObject({ paymentId: bought.paymentId, creditsReleased: 4, replayed: false });
      await eventually(async () => expect(await balance(voter.userId)).toBe(4));
      expect(await payment(voter, bought.paymentId)).toMatchObject({ creditsHeld: 0, status: 'completed' });
      const again = await release(bought.paymentId);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ releaseId: released.body.releaseId, creditsReleased: 4, replayed: true });
      const recorded = (await streamOf(bought.paymentId)).filter((e) => e.type === 'PaymentHoldReleased');
      expect(recorded).toHaveLength(1);
      expect(recorded[0].data).toMatchObject({ credits: 4, reason: 'issuer confirmed the card holder', releasedBy: expect.any(String) });
      expect(recorded[0].metadata.actorId).toBe(recorded[0].data.releasedBy);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await balance(voter.userId)).toBe(4);
      expect(fake.requests.length).toBe(calls);

      // A dispute after the release holds the returned credits; releasing is then refused.
      await dispute(bought, `dp_${bought.paymentId}`, 'needs_response');
      await eventually(async () => expect((await payment(voter, bought.paymentId)).creditsHeld).toBe(4));
      expect(await balance(voter.userId)).toBe(0);
      const whileDisputed = await release(bought.paymentId);
      expect(whileDisputed.status).toBe(409);
      expect(whileDisputed.body).toMatchObject({ type: problemType('credit-hold-not-releasable'), paymentId: bought.paymentId });
      expect(whileDisputed.body.detail).toContain('dispute is open');
      await dispute(bought, `dp_${bought.paymentId}`, 'lost');
      await eventually(async () => expect(await voided(voter.userId)).toBe(6));
      await eventually(async () => expect(await votesFor(event.contestants[0])).toBe(before));
      expect(await balance(voter.userId)).toBe(0);
      expect((await payment(voter, bought.paymentId)).creditsHeld).toBe(0);
      expect((await release(bought.paymentId)).status).toBe(409);
    });

    it('is refused (409, nothing changes) with nothing held, while a dispute is open, or for an unknown payment', async () => {
      const { voter, bought } = await buyTenSpendSix();
      const nothing = await release(bought.paymentId);
      expect(nothing.status).toBe(409);
      expect(nothing.body.detail).toContain('nothing is held');
      await warn(bought);
      await dispute(bought, `dp_${bought.paymentId}`, 'needs_response');
      await eventually(async () => expect((await payment(voter, bought.paymentId)).creditsHeld).toBe(4));
      expect((await release(bought.paymentId)).status).toBe(409);
      expect(await balance(voter.userId)).toBe(0);
      expect((await streamOf(bought.paymentId)).filter((e) => e.type === 'PaymentHoldReleased')).toHaveLength(0);
      // Won: the hold goes back through the dispute, not twice.
      await dispute(bought, `dp_${bought.paymentId}`, 'won');
      await eventually(async () => expect(await balance(voter.userId)).toBe(4));
      expect((await release(bought.paymentId)).status).toBe(409);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await balance(voter.userId)).toBe(4);
      expect((await release('01900000-0000-7000-8000-00000000abcd')).status).toBe(404);
    });

    it('then a refund takes the released credits back from the balance, voiding only what was spent', async () => {
      const { voter, bought, before } = await buyTenSpendSix();
      await warn(bought);
      await eventually(async () => expect((await payment(voter, bought.paymentId)).creditsHeld).toBe(4));
      expect((await release(bought.paymentId)).status).toBe(200);
      await eventually(async () => expect(await balance(voter.userId)).toBe(4));
      await refunded(bought, bought.intent.amount);
      await eventually(async () => expect(await voided(voter.userId)).toBe(6));
      await eventually(async () => expect(await votesFor(event.contestants[0])).toBe(before));
      expect(await balance(voter.userId)).toBe(0);
      expect(await payment(voter, bought.paymentId)).toMatchObject({ status: 'refunded', creditsHeld: 0 });
    });
  });

  describe('automatic refunds on a transient provider failure', () => {
    const optIn = (value: boolean | null) => k.call('post', `/api/tenants/${k.t.tenantId}/config`, k.organizer, { settings: { refundOnEarlyFraudWarning: value } });

    it('retry 5xx with the same idempotency key until the provider answers, refunding once', async () => {
      expect((await optIn(true)).status).toBe(200);
      try {
        const { bought } = await buyTenSpendSix();
        const refundCalls = () => fake.requests.filter((r) => r.path === '/v1/refunds' && r.body.payment_intent === bought.intent.id);
        // More failures than the SDK's own retries (2) absorb, so the refunder must try again itself.
        let failures = 5;
        fake.respond((request) => (request.path === '/v1/refunds' && request.body.payment_intent === bought.intent.id && failures-- > 0 ? { status: 500, body: { error: { type: 'api_error', message: 'boom' } } } : undefined));
        await warn(bought);
        await eventually(async () => expect((await store.readStream(`payment-${k.t.tenantId}.${bought.paymentId}`)).filter((e) => e.type === 'RefundRequested')).toHaveLength(1), 30_000);
        expect(refundCalls().length).toBe(6);
        expect(new Set(refundCalls().map((r) => r.headers['idempotency-key'])).size).toBe(1);
      } finally {
        await optIn(null);
      }
    });

    it('give up at once on a 4xx (the warning and its hold stay)', async () => {
      expect((await optIn(true)).status).toBe(200);
      try {
        const { voter, bought } = await buyTenSpendSix();
        const refundCalls = () => fake.requests.filter((r) => r.path === '/v1/refunds' && r.body.payment_intent === bought.intent.id);
        fake.respond((request) => (request.path === '/v1/refunds' && request.body.payment_intent === bought.intent.id ? { status: 400, body: { error: { type: 'invalid_request_error', message: 'charge_already_refunded' } } } : undefined));
        await warn(bought);
        await eventually(async () => expect(refundCalls()).toHaveLength(1));
        await eventually(async () => expect((await payment(voter, bought.paymentId)).creditsHeld).toBe(4));
        await new Promise((resolve) => setTimeout(resolve, 600));
        expect(refundCalls()).toHaveLength(1);
        expect((await store.readStream(`payment-${k.t.tenantId}.${bought.paymentId}`)).filter((e) => e.type === 'RefundRequested')).toHaveLength(0);
      } finally {
        await optIn(null);
      }
    });
  });
});
