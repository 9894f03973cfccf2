import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import type { DisputeTransitionResult } from '../investigate-dispute/investigate-dispute.command';

export interface WithdrawDisputeInput {
  caseId: string;
  /** Staff may withdraw any case of the tenant; a voter only one they opened about themselves. */
  byStaff: boolean;
  actorId: string;
}

export class WithdrawDisputeCommand extends TallyCommand<DisputeTransitionResult> {
  constructor(
    readonly input: WithdrawDisputeInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
