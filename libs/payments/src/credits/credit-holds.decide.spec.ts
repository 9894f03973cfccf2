import { money } from '../domain/money';
import { PaymentEvent } from '../domain/payment.events';
import { evolvePayment, holdableCredits, initialPaymentState, PaymentState } from '../domain/payment.state';
import { creditsReleasedBy, decideCreditsHeld, decideReturnHeld, decideTakeBackHeld } from './credit-holds.decide';

const now = new Date('2026-03-01T12:00:00Z');
const at = now.toISOString();
const paymentId = 'p1';
const usd = (amount: number) => money(amount, 'USD');
const fold = (events: readonly PaymentEvent[], state: PaymentState = initialPaymentState()): PaymentState => events.reduce(evolvePayment, state);

/** A completed payment of 10 votes for 10.00 USD. */
const completed = (): PaymentState =>
  fold([
    {
      type: 'PaymentStarted',
      data: { paymentId, voterId: 'v1', contestId: null, votes: 10, provider: 'stripe', providerPaymentId: 'pi_1', amount: usd(1000), net: usd(1000), tax: usd(0), taxRule: null, fx: null, requestHash: 'h', recovered: false, at },
    },
    { type: 'PaymentCompleted', data: { paymentId, voterId: 'v1', votes: 10, amount: usd(1000), providerPaymentId: 'pi_1', paymentMethod: 'card', at } },
  ]);
const opened = (disputeId: string): PaymentEvent => ({ type: 'DisputeOpened', data: { paymentId, voterId: 'v1', disputeId, amount: usd(1000), reason: 'fraudulent', creditsToHold: 10, at } });
const closed = (disputeId: string, outcome: 'won' | 'lost'): PaymentEvent => ({ type: 'DisputeClosed', data: { paymentId, voterId: 'v1', disputeId, outcome, creditsHeld: 0, at } });
const refunded = (votesRevoked: number, refundId = 'r1'): PaymentEvent => ({
  type: 'PaymentRefunded',
  data: { paymentId, voterId: 'v1', refundId, providerRefundId: null, amount: usd(votesRevoked * 100), takenBackTotal: usd(votesRevoked * 100), votesRevoked, cause: 'refund', at },
});

function hold(state: PaymentState, holdId: string, credits: number, cause: 'dispute' | 'fraud_warning' = 'fraud_warning'): PaymentState {
  return fold(decideCreditsHeld(state, { paymentId, holdId, cause, credits, eventId: `e-${holdId}`, now }), state);
}

describe('credit holds', () => {
  it('a hold is recorded once per dispute or warning, and later holds only see what is left', () => {
    const warned = hold(completed(), 'issfr_1', 4);
    expect(warned).toMatchObject({ creditsHeld: 4, holdIds: ['issfr_1'] });
    expect(decideCreditsHeld(warned, { paymentId, holdId: 'issfr_1', cause: 'fraud_warning', credits: 4, eventId: 'x', now })).toEqual([]);
    expect(holdableCredits(warned)).toBe(6);
    const disputed = hold(fold([opened('dp_1')], warned), 'dp_1', 0, 'dispute');
    expect(disputed.creditsHeld).toBe(4);
    expect(disputed.disputes[0].creditsHeld).toBe(0);
  });

  it('credits already taken back are never held', () => {
    expect(holdableCredits(fold([refunded(10)], completed()))).toBe(0);
    expect(holdableCredits(fold([refunded(3)], completed()))).toBe(7);
  });

  it('a refund takes its credits from the hold first, once, and revokes only the rest', () => {
    const warned = hold(completed(), 'issfr_1', 4);
    const input = { paymentId, releaseId: 'refund:r1', votesRevoked: 10, eventId: 'e', now };
    const taken = fold(decideTakeBackHeld(warned, input), warned);
    expect(creditsReleasedBy(taken, 'refund:r1')).toBe(4);
    expect(taken.creditsHeld).toBe(0);
    expect(decideTakeBackHeld(taken, input)).toEqual([]);
    // A partial refund smaller than the hold leaves the rest held.
    const partial = fold(decideTakeBackHeld(warned, { ...input, votesRevoked: 3 }), warned);
    expect([creditsReleasedBy(partial, 'refund:r1'), partial.creditsHeld]).toEqual([3, 1]);
  });

  it('nothing held, nothing taken from the hold', () => {
    expect(decideTakeBackHeld(completed(), { paymentId, releaseId: 'refund:r1', votesRevoked: 10, eventId: 'e', now })).toEqual([]);
  });

  it('held credits go back once no dispute is open, a warning hold included', () => {
    const state = hold(fold([opened('dp_1')], hold(completed(), 'issfr_1', 4)), 'dp_1', 0, 'dispute');
    const input = { paymentId, releaseId: 'dispute-won:dp_1', eventId: 'e', now };
    expect(decideReturnHeld(state, input)).toEqual([]);
    const won = fold([closed('dp_1', 'won')], state);
    const released = fold(decideReturnHeld(won, input), won);
    expect(creditsReleasedBy(released, 'dispute-won:dp_1')).toBe(4);
    expect(released.creditsHeld).toBe(0);
    expect(decideReturnHeld(released, input)).toEqual([]);
  });

  it('a second dispute still open keeps the hold', () => {
    const state = fold([opened('dp_1'), opened('dp_2'), closed('dp_1', 'won')], hold(completed(), 'issfr_1', 5));
    expect(decideReturnHeld(state, { paymentId, releaseId: 'dispute-won:dp_1', eventId: 'e', now })).toEqual([]);
  });
});
