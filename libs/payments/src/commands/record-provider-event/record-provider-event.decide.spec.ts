import { DomainError } from '@tally/platform';
import { money } from '../../domain/money';
import { PaymentAccount, PLATFORM_ACCOUNT } from '../../domain/payment-account';
import { PaymentEvent } from '../../domain/payment.events';
import { evolvePayment, initialPaymentState, PaymentState } from '../../domain/payment.state';
import { PaymentRecovery, ProviderFact } from '../../domain/provider-fact';
import { assertEventSellsVotes, decideStartPayment } from '../start-checkout/start-checkout.decide';
import { decideRequestRefund } from '../request-refund/request-refund.decide';
import { decideProviderFact, votesToRevoke } from './record-provider-event.decide';

const now = new Date('2026-03-01T12:00:00Z');
const paymentId = '01900000-0000-7000-8000-000000000001';
const usd = (amount: number) => money(amount, 'USD');

function fold(events: readonly PaymentEvent[], state: PaymentState = initialPaymentState()): PaymentState {
  return events.reduce(evolvePayment, state);
}

const TENANT_ACCOUNT: PaymentAccount = { owner: 'tenant', keyFingerprint: 'a1b2c3d4' };

function started(votes = 10, amount = 1000, account: PaymentAccount = PLATFORM_ACCOUNT): PaymentState {
  return fold(
    decideStartPayment(initialPaymentState(), {
      paymentId,
      voterId: 'voter-1',
      contestId: null,
      provider: 'stripe',
      account,
      providerPaymentId: 'pi_1',
      quote: { votes, listPrice: usd(amount), fx: null, net: usd(amount), tax: usd(0), gross: usd(amount), rule: null },
      requestHash: 'h1',
      now,
    }),
  );
}

/** Given a state, when the facts arrive in order, then these events (and this state). */
function apply(state: PaymentState, ...facts: ProviderFact[]): { events: PaymentEvent[]; state: PaymentState } {
  const events: PaymentEvent[] = [];
  let current = state;
  for (const fact of facts) {
    const produced = decideProviderFact(current, fact, { paymentId, now, recovery: null });
    events.push(...produced);
    current = fold(produced, current);
  }
  return { events, state: current };
}

function codeOf(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return String(error.code);
    throw error;
  }
  throw new Error('expected a refusal');
}

const succeeded: ProviderFact = { kind: 'payment_succeeded', providerPaymentId: 'pi_1', amount: usd(1000), paymentMethod: 'card' };
const failed: ProviderFact = { kind: 'payment_failed', providerPaymentId: 'pi_1', reason: 'card_declined' };
const refundTotal = (total: number, ids: string[] = []): ProviderFact => ({ kind: 'refund_total', total: usd(total), providerRefundIds: ids });

describe('payment state machine', () => {
  it('pending → completed once, whatever the number of deliveries', () => {
    const { events, state } = apply(started(), succeeded, succeeded, succeeded);
    expect(events.map((e) => e.type)).toEqual(['PaymentCompleted']);
    expect(state.status).toBe('completed');
  });

  it("records the paying card's fingerprint when the provider gave one, and nothing when it did not", () => {
    const withCard = apply(started(), { ...succeeded, cardFingerprint: 'Xt5EWLLDS7FJjR1c' }).events[0];
    expect(withCard).toMatchObject({ type: 'PaymentCompleted', data: { cardFingerprint: 'Xt5EWLLDS7FJjR1c' } });
    expect(apply(started(), succeeded).events[0].data).not.toHaveProperty('cardFingerprint');
  });

  it('pending → failed; a failure reported after success is stale', () => {
    expect(apply(started(), failed).state.status).toBe('failed');
    const { events, state } = apply(started(), succeeded, failed);
    expect(events.map((e) => e.type)).toEqual(['PaymentCompleted']);
    expect(state.status).toBe('completed');
  });

  it('a failed attempt can still be followed by success on the same payment intent', () => {
    expect(apply(started(), failed, succeeded).state.status).toBe('completed');
  });

  it('refuses a success for another amount', () => {
    expect(codeOf(() => apply(started(), { ...succeeded, amount: usd(999) }))).toBe('PAYMENTS.AMOUNT_MISMATCH');
    expect(codeOf(() => apply(started(), { ...succeeded, amount: money(1000, 'EUR') }))).toBe('PAYMENTS.AMOUNT_MISMATCH');
  });

  it('refuses facts about a payment never recorded, unless our metadata lets us rebuild it', () => {
    expect(codeOf(() => decideProviderFact(initialPaymentState(), succeeded, { paymentId, now, recovery: null }))).toBe('PAYMENTS.UNKNOWN_PAYMENT');
    const recovery: PaymentRecovery = { provider: 'stripe', providerPaymentId: 'pi_1', voterId: 'voter-9', contestId: 'c1', votes: 4, amount: usd(1000) };
    const events = decideProviderFact(initialPaymentState(), succeeded, { paymentId, now, recovery });
    expect(events.map((e) => e.type)).toEqual(['PaymentStarted', 'PaymentCompleted']);
    expect(fold(events)).toMatchObject({ status: 'completed', voterId: 'voter-9', votes: 4 });
  });

  it('completed → partially_refunded → refunded from the provider running total, in any order and repeated', () => {
    const base = apply(started(), succeeded).state;
    const partial = apply(base, refundTotal(250));
    expect(partial.state.status).toBe('partially_refunded');
    expect(partial.events).toMatchObject([{ type: 'PaymentRefunded', data: { amount: usd(250), votesRevoked: 2, cause: 'refund' } }]);
    const full = apply(partial.state, refundTotal(250), refundTotal(1000), refundTotal(250), refundTotal(1000));
    expect(full.events).toMatchObject([{ type: 'PaymentRefunded', data: { amount: usd(750), takenBackTotal: usd(1000), votesRevoked: 8 } }]);
    expect(full.state).toMatchObject({ status: 'refunded', votesRevoked: 10, refunded: 1000 });
  });

  it('a refund arriving before the success implies the success, and the success that follows changes nothing', () => {
    const { events, state } = apply(started(), refundTotal(1000), succeeded);
    expect(events.map((e) => e.type)).toEqual(['PaymentCompleted', 'PaymentRefunded']);
    expect(state).toMatchObject({ status: 'refunded', votesRevoked: 10 });
  });

  it('refuses refunds beyond the payment', () => {
    const base = apply(started(), succeeded).state;
    expect(codeOf(() => apply(base, refundTotal(1001)))).toBe('PAYMENTS.REFUND_EXCEEDS_PAYMENT');
  });

  it('settles our own refund requests by provider refund id, then FIFO', () => {
    const base = apply(started(), succeeded).state;
    const requested = fold(decideRequestRefund(base, { paymentId, refundId: 'r1', amount: 300, reason: 'asked', requestedBy: 'org', providerRefundId: 're_1', now }), base);
    expect(requested.pendingRefunds).toHaveLength(1);
    const { events, state } = apply(requested, refundTotal(300, ['re_1']));
    expect(events).toMatchObject([{ type: 'PaymentRefunded', data: { refundId: 'r1', providerRefundId: 're_1', amount: usd(300), votesRevoked: 3 } }]);
    expect(state.pendingRefunds).toHaveLength(0);
  });

  it('single refunds (Paystack) are deduplicated by the provider refund id', () => {
    const base = apply(started(), succeeded).state;
    const one: ProviderFact = { kind: 'refund_succeeded', providerRefundId: 'rf_1', amount: usd(500) };
    const { events, state } = apply(base, one, one);
    expect(events).toHaveLength(1);
    expect(state).toMatchObject({ status: 'partially_refunded', votesRevoked: 5 });
  });

  it('a refund request that failed at the provider is no longer pending', () => {
    const base = apply(started(), succeeded).state;
    const requested = fold(decideRequestRefund(base, { paymentId, refundId: 'r1', amount: null, reason: 'x', requestedBy: null, providerRefundId: 're_9', now }), base);
    const { events, state } = apply(requested, { kind: 'refund_failed', providerRefundId: 're_9', reason: 'insufficient_funds' });
    expect(events.map((e) => e.type)).toEqual(['RefundFailed']);
    expect(state.pendingRefunds).toHaveLength(0);
    expect(state.status).toBe('completed');
  });

  it('completed → disputed → completed when the dispute is won', () => {
    const base = apply(started(), succeeded).state;
    const opened: ProviderFact = { kind: 'dispute_opened', disputeId: 'dp_1', amount: usd(1000), reason: 'fraudulent' };
    const { state: disputed } = apply(base, opened, opened);
    expect(disputed.status).toBe('disputed');
    const { events, state } = apply(disputed, { kind: 'dispute_closed', disputeId: 'dp_1', amount: usd(1000), outcome: 'won', reason: 'fraudulent' });
    expect(events.map((e) => e.type)).toEqual(['DisputeClosed']);
    expect(state.status).toBe('completed');
  });

  it('a lost dispute acts as a refund of the disputed amount', () => {
    const base = apply(started(), succeeded).state;
    const { events, state } = apply(
      base,
      { kind: 'dispute_opened', disputeId: 'dp_1', amount: usd(1000), reason: 'fraudulent' },
      { kind: 'dispute_closed', disputeId: 'dp_1', amount: usd(1000), outcome: 'lost', reason: 'fraudulent' },
      { kind: 'dispute_closed', disputeId: 'dp_1', amount: usd(1000), outcome: 'lost', reason: 'fraudulent' },
    );
    expect(events.map((e) => e.type)).toEqual(['DisputeOpened', 'DisputeClosed', 'PaymentRefunded']);
    expect(events[2]).toMatchObject({ data: { cause: 'dispute_lost', votesRevoked: 10 } });
    expect(state.status).toBe('refunded');
  });

  it('a dispute closing before it was seen opening records both', () => {
    const base = apply(started(), succeeded).state;
    const { events } = apply(base, { kind: 'dispute_closed', disputeId: 'dp_2', amount: usd(400), outcome: 'lost', reason: 'x' });
    expect(events.map((e) => e.type)).toEqual(['DisputeOpened', 'DisputeClosed', 'PaymentRefunded']);
    expect(events[2]).toMatchObject({ data: { amount: usd(400), votesRevoked: 4 } });
  });

  it('records each early fraud warning once', () => {
    const base = apply(started(), succeeded).state;
    const warning: ProviderFact = { kind: 'fraud_warning', warningId: 'issfr_1', fraudType: 'stolen_card', actionable: true };
    const { events, state } = apply(base, warning, warning);
    expect(events.map((e) => e.type)).toEqual(['FraudWarningReceived']);
    expect(state.fraudWarnings).toEqual([{ warningId: 'issfr_1', fraudType: 'stolen_card', actionable: true, at: now.toISOString() }]);
    expect(state.status).toBe('completed');
  });

  it('an early fraud warning before the success implies the success (issuers warn about settled charges only)', () => {
    const warning: ProviderFact = { kind: 'fraud_warning', warningId: 'issfr_2', fraudType: 'card_never_received', actionable: true };
    const { events, state } = apply(started(), warning, succeeded);
    expect(events.map((e) => e.type)).toEqual(['PaymentCompleted', 'FraudWarningReceived']);
    expect(state.status).toBe('completed');
  });

  it('a dispute after a fraud warning asks to hold only what the warning did not', () => {
    const warned = apply(started(), succeeded, { kind: 'fraud_warning', warningId: 'issfr_3', fraudType: 'x', actionable: true }).state;
    const held = fold([{ type: 'PaymentCreditsHeld', data: { paymentId, holdId: 'issfr_3', cause: 'fraud_warning', credits: 4, at: now.toISOString() } }], warned);
    const { events } = apply(held, { kind: 'dispute_opened', disputeId: 'dp_9', amount: usd(1000), reason: 'fraudulent' });
    expect(events).toMatchObject([{ type: 'DisputeOpened', data: { creditsToHold: 6 } }]);
  });
});

describe('refund requests', () => {
  const completed = () => apply(started(), succeeded).state;
  const request = (state: PaymentState, amount: number | null, refundId = 'r1') =>
    decideRequestRefund(state, { paymentId, refundId, amount, reason: 'requested_by_customer', requestedBy: 'org-1', providerRefundId: null, now });

  it('refunds what is left by default and is idempotent by refund id', () => {
    const state = completed();
    expect(request(state, null)).toMatchObject([{ data: { amount: usd(1000) } }]);
    const after = fold(request(state, 400), state);
    expect(request(after, 400)).toEqual([]);
    expect(request(after, null, 'r2')).toMatchObject([{ data: { amount: usd(600) } }]);
  });

  it.each([
    ['a pending payment', () => started(), 'PAYMENTS.NOT_REFUNDABLE'],
    ['a failed payment', () => apply(started(), failed).state, 'PAYMENTS.NOT_REFUNDABLE'],
    ['a refunded payment', () => apply(started(), succeeded, refundTotal(1000)).state, 'PAYMENTS.NOT_REFUNDABLE'],
    ['a disputed payment', () => apply(started(), succeeded, { kind: 'dispute_opened', disputeId: 'd', amount: usd(1000), reason: 'x' }).state, 'PAYMENTS.NOT_REFUNDABLE'],
    ['an unknown payment', () => initialPaymentState(), 'PAYMENTS.PAYMENT_NOT_FOUND'],
  ])('refuses to refund %s', (_name, state, code) => {
    expect(codeOf(() => request(state(), null))).toBe(code);
  });

  it('refuses more than is left, counting refunds in flight', () => {
    const state = fold(request(completed(), 700), completed());
    expect(codeOf(() => request(state, 301, 'r2'))).toBe('PAYMENTS.REFUND_EXCEEDS_PAYMENT');
    expect(codeOf(() => request(state, 0, 'r2'))).toBe('PAYMENTS.REFUND_EXCEEDS_PAYMENT');
  });
});

describe('checkout', () => {
  it('a retried checkout changes nothing; another request under the same key is refused', () => {
    const state = started();
    const again = { paymentId, voterId: 'voter-1', contestId: null, provider: 'stripe' as const, account: PLATFORM_ACCOUNT, providerPaymentId: 'pi_1', quote: { votes: 10, listPrice: usd(1000), fx: null, net: usd(1000), tax: usd(0), gross: usd(1000), rule: null }, now };
    expect(decideStartPayment(state, { ...again, requestHash: 'h1' })).toEqual([]);
    expect(codeOf(() => decideStartPayment(state, { ...again, requestHash: 'h2' }))).toBe('PAYMENTS.IDEMPOTENCY_MISMATCH');
  });
});

describe('the event a checkout names', () => {
  const event = (status: string, endDate = '2026-04-01T00:00:00Z') => ({ eventId: 'e1', status, endDate });
  it.each(['draft', 'scheduled', 'open'])('sells votes while the event is %s and its window is not over', (status) => {
    expect(() => assertEventSellsVotes(event(status), 'e1', now)).not.toThrow();
  });
  it.each(['closed', 'finalized', 'cancelled'])('refuses an event that is %s', (status) => {
    expect(codeOf(() => assertEventSellsVotes(event(status), 'e1', now))).toBe('PAYMENTS.EVENT_CLOSED');
  });
  it('refuses an open event whose window has ended, and an unknown event', () => {
    expect(codeOf(() => assertEventSellsVotes(event('open', '2026-03-01T12:00:00Z'), 'e1', now))).toBe('PAYMENTS.EVENT_CLOSED');
    expect(codeOf(() => assertEventSellsVotes(null, 'e1', now))).toBe('PAYMENTS.EVENT_NOT_FOUND');
  });
});

describe('votesToRevoke', () => {
  it('takes back all credits for a full return and rounds partial returns down', () => {
    const state = started(3, 1000);
    expect([votesToRevoke(state, 0), votesToRevoke(state, 333), votesToRevoke(state, 334), votesToRevoke(state, 999), votesToRevoke(state, 1000)]).toEqual([0, 0, 1, 2, 3]);
  });
});

describe('the provider account a payment was made with', () => {
  const succeeded: ProviderFact = { kind: 'payment_succeeded', providerPaymentId: 'pi_1', amount: usd(1000), paymentMethod: 'card' };

  it('is recorded on PaymentStarted (schema v2) and folded into the state', () => {
    const [event] = decideStartPayment(initialPaymentState(), {
      paymentId, voterId: 'voter-1', contestId: null, provider: 'stripe', account: TENANT_ACCOUNT, providerPaymentId: 'pi_1',
      quote: { votes: 10, listPrice: usd(1000), fx: null, net: usd(1000), tax: usd(0), gross: usd(1000), rule: null }, requestHash: 'h1', now,
    });
    expect(event).toMatchObject({ schemaVersion: 2, data: { account: TENANT_ACCOUNT } });
    expect(fold([event]).account).toEqual(TENANT_ACCOUNT);
  });

  it('a PaymentStarted without one (v1) folds as made on the platform account', () => {
    const { account: _dropped, ...v1 } = decideStartPayment(initialPaymentState(), {
      paymentId, voterId: 'voter-1', contestId: null, provider: 'stripe', account: TENANT_ACCOUNT, providerPaymentId: 'pi_1',
      quote: { votes: 10, listPrice: usd(1000), fx: null, net: usd(1000), tax: usd(0), gross: usd(1000), rule: null }, requestHash: 'h1', now,
    })[0].data;
    expect(fold([{ type: 'PaymentStarted', data: v1 }]).account).toEqual(PLATFORM_ACCOUNT);
  });

  it('only the payment’s own account speaks for it when the caller names one (reconciliation)', () => {
    const state = started(10, 1000, TENANT_ACCOUNT);
    expect(codeOf(() => decideProviderFact(state, succeeded, { paymentId, now, recovery: null, account: PLATFORM_ACCOUNT }))).toBe('PAYMENTS.ACCOUNT_MISMATCH');
    expect(codeOf(() => decideProviderFact(state, succeeded, { paymentId, now, recovery: null, account: { owner: 'tenant', keyFingerprint: 'ffffffff' } }))).toBe('PAYMENTS.ACCOUNT_MISMATCH');
    expect(decideProviderFact(state, succeeded, { paymentId, now, recovery: null, account: { owner: 'tenant', keyFingerprint: 'a1b2c3d4' } }).map((e) => e.type)).toEqual(['PaymentCompleted']);
    // Webhooks name no account: verified per tenant instead, as before.
    expect(decideProviderFact(state, succeeded, { paymentId, now, recovery: null }).map((e) => e.type)).toEqual(['PaymentCompleted']);
  });

  it('a payment rebuilt from the provider records the account that listed it', () => {
    const recovery: PaymentRecovery = { provider: 'stripe', providerPaymentId: 'pi_1', voterId: 'voter-1', votes: 10, contestId: null, amount: usd(1000), account: TENANT_ACCOUNT };
    const events = decideProviderFact(initialPaymentState(), succeeded, { paymentId, now, recovery, account: TENANT_ACCOUNT });
    expect(fold(events).account).toEqual(TENANT_ACCOUNT);
  });
});
