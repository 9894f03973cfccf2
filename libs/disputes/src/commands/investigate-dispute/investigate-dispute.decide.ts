import { DisputeCaseInvestigated } from '../../domain/dispute.events';
import { DisputeState } from '../../domain/dispute.state';
import { DisputesError } from '../../disputes.errors';
import { refuseUnlessPending } from '../../domain/dispute.guards';

export function decideInvestigateDispute(state: DisputeState, now: Date): DisputeCaseInvestigated[] {
  refuseUnlessPending(state);
  if (state.status === 'investigating') throw new DisputesError('DISPUTES.ALREADY_INVESTIGATING', 'The case is already under investigation', { caseId: state.caseId });
  return [{ type: 'DisputeCaseInvestigated', data: { caseId: state.caseId as string, at: now.toISOString() } }];
}
