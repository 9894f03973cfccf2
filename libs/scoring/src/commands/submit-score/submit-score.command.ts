import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { PhaseName } from '../../domain/judging.events';

export interface ScoreEntry {
  contestantId: string;
  scoreTypeId: string;
  value: number;
}

export interface SubmitScoresInput {
  contestId: string;
  phase: PhaseName;
  /** The signed-in judge. */
  judgeId: string;
  scores: ScoreEntry[];
}

export interface SubmitScoresResult {
  phase: PhaseName;
  scores: { scoreId: string; contestantId: string; scoreTypeId: string; value: number }[];
}

export class SubmitScoresCommand extends TallyCommand<SubmitScoresResult> {
  constructor(
    readonly input: SubmitScoresInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
