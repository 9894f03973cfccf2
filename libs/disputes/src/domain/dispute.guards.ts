import { DisputesError } from '../disputes.errors';
import { DisputeState, isPending } from './dispute.state';

/** Unknown cases are 404; resolved or withdrawn ones refuse every further move (409). */
export function refuseUnlessPending(state: DisputeState): void {
  if (state.status === 'none') throw new DisputesError('DISPUTES.CASE_NOT_FOUND', 'No such dispute case');
  if (!isPending(state)) throw new DisputesError('DISPUTES.CASE_CLOSED', `The case is already ${state.status}`, { caseId: state.caseId, status: state.status });
}
