import { PaymentHoldReleased } from '../../domain/payment.events';
import { openDispute, PaymentState } from '../../domain/payment.state';
import { PaymentsError } from '../../payments.errors';

export interface ReleaseHoldInput {
  paymentId: string;
  reason: string;
  releasedBy: string | null;
  /** The event's id, derived from the payment and the release id so a concurrent repeat appends once. */
  eventIdOf: (releaseId: string) => string;
  now: Date;
}

/**
 * The release of the holds applied so far. Keyed by how many holds the payment has had, so a
 * second call for the same holds finds its release and changes nothing, while a hold applied
 * later (a new warning) can be released again.
 */
export const manualReleaseId = (state: PaymentState): string => `manual-release:${state.holdIds.length}`;

/**
 * An organizer gives back credits held for an early fraud warning that no dispute or refund
 * followed. Refused while a dispute is open (its outcome decides), while a refund is in flight
 * (its confirmation takes the held credits), while a warning's or dispute's hold is still being
 * applied (releasing now would let it hold less than it should), and when nothing is held.
 */
export function decideReleaseHold(state: PaymentState, input: ReleaseHoldInput): PaymentHoldReleased[] {
  const { paymentId } = input;
  if (!state.exists) throw new PaymentsError('PAYMENTS.PAYMENT_NOT_FOUND', `Payment ${paymentId} not found`, { paymentId });
  const releaseId = manualReleaseId(state);
  if (state.releases.some((release) => release.releaseId === releaseId)) return [];
  const refuse = (why: string): never => {
    throw new PaymentsError('PAYMENTS.HOLD_NOT_RELEASABLE', `The credits held on payment ${paymentId} cannot be released: ${why}`, { paymentId, creditsHeld: state.creditsHeld });
  };
  if (openDispute(state)) refuse('a dispute is open; its outcome decides what happens to them');
  if (state.pendingRefunds.length > 0) refuse('a refund is in flight; its confirmation takes them');
  if (state.fraudWarnings.some((warning) => !state.holdIds.includes(warning.warningId))) refuse('a fraud warning’s hold is still being applied; try again shortly');
  if (state.creditsHeld <= 0) refuse('nothing is held');
  return [
    {
      type: 'PaymentHoldReleased',
      id: input.eventIdOf(releaseId),
      data: { paymentId, voterId: state.voterId, releaseId, credits: state.creditsHeld, reason: input.reason, releasedBy: input.releasedBy, at: input.now.toISOString() },
    },
  ];
}
