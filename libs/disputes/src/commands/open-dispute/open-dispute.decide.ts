import { DisputeCaseOpened } from '../../domain/dispute.events';
import { DisputeState } from '../../domain/dispute.state';
import { DisputesError } from '../../disputes.errors';
import { OpenDisputeInput } from './open-dispute.command';

/** The case as opened: the subject the handler checked belongs to `userId`. */
export type CheckedOpening = Omit<OpenDisputeInput, 'userId'> & { userId: string };

/**
 * Opens a case on a new stream. The same opening again (a retried request with its
 * Idempotency-Key, a redelivered provider webhook) appends nothing; another opening under the
 * same case id is a reused key.
 */
export function decideOpenDispute(input: CheckedOpening, state: DisputeState, now: Date): DisputeCaseOpened[] {
  if (state.status !== 'none') {
    const same = state.kind === input.kind && state.userId === input.userId && state.voteId === input.voteId && state.paymentId === input.paymentId && state.reason === input.reason;
    if (same) return [];
    throw new DisputesError('DISPUTES.IDEMPOTENCY_MISMATCH', 'This Idempotency-Key already opened another dispute', { caseId: input.caseId });
  }
  return [
    {
      type: 'DisputeCaseOpened',
      data: {
        caseId: input.caseId,
        kind: input.kind,
        userId: input.userId,
        voteId: input.voteId,
        paymentId: input.paymentId,
        reason: input.reason,
        openedBy: input.openedBy,
        providerDisputeId: input.providerDisputeId,
        at: now.toISOString(),
      },
    },
  ];
}
