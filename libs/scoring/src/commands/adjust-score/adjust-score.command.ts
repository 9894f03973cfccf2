import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { PhaseName } from '../../domain/judging.events';

export interface AdjustScoreInput {
  contestId: string;
  phase: PhaseName;
  contestantId: string;
  /** Points added to (or, negative, taken from) the contestant's 0–100 phase score. */
  points: number;
  reason: string;
}

export interface AdjustScoreResult {
  adjustmentId: string;
}

export class AdjustScoreCommand extends TallyCommand<AdjustScoreResult> {
  constructor(
    readonly input: AdjustScoreInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
