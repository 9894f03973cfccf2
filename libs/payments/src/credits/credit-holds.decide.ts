import { CreditHoldCause, PaymentCreditsHeld, PaymentCreditsReleased } from '../domain/payment.events';
import { openDispute, PaymentState } from '../domain/payment.state';

/**
 * How the credits reactor records holds on a payment stream. The ledger is fungible (a voter's
 * balance does not say which payment each credit came from), so a hold takes up to the
 * payment's credits not yet taken back or held from the balance; spent credits are never held,
 * they stay counted until money is actually returned (a refund or a lost dispute), whose
 * revocation then voids the newest paid votes. Each decision is keyed by an id so a replay of
 * the reactor after a crash changes nothing.
 */
export interface HoldInput {
  paymentId: string;
  /** The dispute or warning id. */
  holdId: string;
  cause: CreditHoldCause;
  /** What the ledger revocation actually took (at most what was asked). */
  credits: number;
  eventId: string;
  now: Date;
}

export function decideCreditsHeld(state: PaymentState, input: HoldInput): PaymentCreditsHeld[] {
  if (state.holdIds.includes(input.holdId)) return [];
  return [
    {
      type: 'PaymentCreditsHeld',
      id: input.eventId,
      data: { paymentId: input.paymentId, holdId: input.holdId, cause: input.cause, credits: input.credits, at: input.now.toISOString() },
    },
  ];
}

export interface ReleaseInput {
  paymentId: string;
  releaseId: string;
  eventId: string;
  now: Date;
}

/**
 * Money that left for good (a refund or a lost dispute) takes its credits from the hold first:
 * they are already off the balance, so the refund revokes only the rest (and never twice).
 */
export function decideTakeBackHeld(state: PaymentState, input: ReleaseInput & { votesRevoked: number }): PaymentCreditsReleased[] {
  if (state.releases.some((release) => release.releaseId === input.releaseId)) return [];
  const credits = Math.min(state.creditsHeld, input.votesRevoked);
  return credits > 0 ? [released(input, credits, 'taken_back')] : [];
}

/**
 * A dispute settled (won, or lost and its loss taken back) and none other open: whatever is
 * still held goes back to the voter, a fraud warning's hold included, since the dispute the
 * warning announced has been decided.
 */
export function decideReturnHeld(state: PaymentState, input: ReleaseInput): PaymentCreditsReleased[] {
  if (state.releases.some((release) => release.releaseId === input.releaseId)) return [];
  if (openDispute(state) || state.creditsHeld <= 0) return [];
  return [released(input, state.creditsHeld, 'returned')];
}

/** Credits a recorded release moved (0 when it was not recorded). */
export function creditsReleasedBy(state: PaymentState, releaseId: string): number {
  return state.releases.find((release) => release.releaseId === releaseId)?.credits ?? 0;
}

function released(input: ReleaseInput, credits: number, outcome: 'returned' | 'taken_back'): PaymentCreditsReleased {
  return { type: 'PaymentCreditsReleased', id: input.eventId, data: { paymentId: input.paymentId, releaseId: input.releaseId, credits, outcome, at: input.now.toISOString() } };
}
