import { DisputeCaseWithdrawn } from '../../domain/dispute.events';
import { refuseUnlessPending } from '../../domain/dispute.guards';
import { DisputeState } from '../../domain/dispute.state';
import { DisputesError } from '../../disputes.errors';
import { WithdrawDisputeInput } from './withdraw-dispute.command';

/** The voter withdraws a case they opened; staff may close any pending case this way. Another voter's case is not found. */
export function decideWithdrawDispute(input: WithdrawDisputeInput, state: DisputeState, now: Date): DisputeCaseWithdrawn[] {
  if (!input.byStaff && state.userId !== input.actorId) throw new DisputesError('DISPUTES.CASE_NOT_FOUND', 'No such dispute case');
  refuseUnlessPending(state);
  if (!input.byStaff && state.openedBy !== 'voter') throw new DisputesError('DISPUTES.NOT_ALLOWED', 'Only a case you opened yourself can be withdrawn by you', { caseId: state.caseId });
  return [{ type: 'DisputeCaseWithdrawn', data: { caseId: state.caseId as string, at: now.toISOString() } }];
}
