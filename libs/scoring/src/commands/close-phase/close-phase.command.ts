import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { PhaseName } from '../../domain/judging.events';

export interface ClosePhaseInput {
  contestId: string;
  phase: PhaseName;
}

export interface ClosePhaseResult {
  phase: PhaseName;
  snapshotId: string;
}

export class ClosePhaseCommand extends TallyCommand<ClosePhaseResult> {
  constructor(
    readonly input: ClosePhaseInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
