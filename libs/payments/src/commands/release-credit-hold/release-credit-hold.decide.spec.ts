import { DomainError } from '@tally/platform';
import { money } from '../../domain/money';
import { PaymentEvent } from '../../domain/payment.events';
import { evolvePayment, holdableCredits, initialPaymentState, PaymentState } from '../../domain/payment.state';
import { decideCreditsHeld } from '../../credits/credit-holds.decide';
import { decideReleaseHold, manualReleaseId } from './release-credit-hold.decide';

const now = new Date('2026-03-01T12:00:00Z');
const at = now.toISOString();
const paymentId = 'p1';
const usd = (amount: number) => money(amount, 'USD');
const fold = (events: readonly PaymentEvent[], state: PaymentState = initialPaymentState()): PaymentState => events.reduce(evolvePayment, state);
const input = { paymentId, reason: 'issuer confirmed the card holder', releasedBy: 'org-1', eventIdOf: (id: string) => `e-${id}`, now };

const completed = (): PaymentState =>
  fold([
    {
      type: 'PaymentStarted',
      data: { paymentId, voterId: 'v1', contestId: null, votes: 10, provider: 'stripe', providerPaymentId: 'pi_1', amount: usd(1000), net: usd(1000), tax: usd(0), taxRule: null, fx: null, requestHash: 'h', recovered: false, at },
    },
    { type: 'PaymentCompleted', data: { paymentId, voterId: 'v1', votes: 10, amount: usd(1000), providerPaymentId: 'pi_1', paymentMethod: 'card', at } },
  ]);
const warned = (state: PaymentState, warningId: string): PaymentState => fold([{ type: 'FraudWarningReceived', data: { paymentId, warningId, fraudType: 'made_with_stolen_card', actionable: true, at } }], state);
const held = (state: PaymentState, holdId: string, credits: number, cause: 'dispute' | 'fraud_warning' = 'fraud_warning'): PaymentState =>
  fold(decideCreditsHeld(state, { paymentId, holdId, cause, credits, eventId: `h-${holdId}`, now }), state);
const opened = (disputeId: string): PaymentEvent => ({ type: 'DisputeOpened', data: { paymentId, voterId: 'v1', disputeId, amount: usd(1000), reason: 'fraudulent', creditsToHold: 4, at } });

function refusal(state: PaymentState): string {
  try {
    decideReleaseHold(state, input);
  } catch (error) {
    if (error instanceof DomainError) return `${String(error.code)}: ${error.message}`;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('releasing a fraud warning’s hold', () => {
  it('gives every held credit back, with who and why, once', () => {
    const state = held(warned(completed(), 'issfr_1'), 'issfr_1', 4);
    const events = decideReleaseHold(state, input);
    expect(events).toEqual([
      { type: 'PaymentHoldReleased', id: 'e-manual-release:1', data: { paymentId, voterId: 'v1', releaseId: 'manual-release:1', credits: 4, reason: input.reason, releasedBy: 'org-1', at } },
    ]);
    const released = fold(events, state);
    expect(released.creditsHeld).toBe(0);
    expect(decideReleaseHold(released, input)).toEqual([]);
    // The credits are holdable again: a dispute after the release holds them.
    expect(holdableCredits(released)).toBe(10);
  });

  it('is refused while a dispute is open, a refund is in flight, a hold is being applied, or nothing is held', () => {
    const state = held(warned(completed(), 'issfr_1'), 'issfr_1', 4);
    expect(refusal(fold([opened('dp_1')], state))).toMatch(/^PAYMENTS.HOLD_NOT_RELEASABLE: .*dispute is open/);
    const refunding = fold([{ type: 'RefundRequested', data: { paymentId, refundId: 'r1', providerRefundId: 're_1', amount: usd(1000), reason: 'x', requestedBy: null, at } }], state);
    expect(refusal(refunding)).toMatch(/refund is in flight/);
    expect(refusal(warned(state, 'issfr_2'))).toMatch(/still being applied/);
    expect(refusal(completed())).toMatch(/nothing is held/);
    expect(refusal(warned(completed(), 'issfr_1'))).toMatch(/still being applied/);
    expect(refusal(initialPaymentState())).toMatch(/^PAYMENTS.PAYMENT_NOT_FOUND/);
  });

  it('a later warning’s hold can be released again; a dispute’s hold after a release is not released by a repeat', () => {
    const first = fold(decideReleaseHold(held(warned(completed(), 'issfr_1'), 'issfr_1', 4), input), held(warned(completed(), 'issfr_1'), 'issfr_1', 4));
    const second = held(warned(first, 'issfr_2'), 'issfr_2', 10);
    expect(manualReleaseId(second)).toBe('manual-release:2');
    expect(decideReleaseHold(second, input)[0].data).toMatchObject({ releaseId: 'manual-release:2', credits: 10 });
    const disputed = held(fold([opened('dp_1')], first), 'dp_1', 10, 'dispute');
    expect(refusal(disputed)).toMatch(/dispute is open/);
  });
});
