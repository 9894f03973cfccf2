import { CommandMetadata, TallyCommand } from '@tally/eventstore';

export interface FinaliseScoringInput {
  contestId: string;
}

export interface FinaliseScoringResult {
  finalisedAt: string;
  snapshotId: string;
}

export class FinaliseScoringCommand extends TallyCommand<FinaliseScoringResult> {
  constructor(
    readonly input: FinaliseScoringInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
