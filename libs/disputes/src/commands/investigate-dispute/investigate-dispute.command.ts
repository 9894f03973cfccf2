import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import type { DisputeStatus } from '../../domain/dispute.events';

export interface DisputeTransitionResult {
  caseId: string;
  status: DisputeStatus;
  at: string;
}

/** Staff take a case up: open → investigating. */
export class InvestigateDisputeCommand extends TallyCommand<DisputeTransitionResult> {
  constructor(
    readonly caseId: string,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
