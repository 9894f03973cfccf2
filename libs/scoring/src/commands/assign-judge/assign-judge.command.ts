import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { PhaseName } from '../../domain/judging.events';

export interface AssignJudgeInput {
  contestId: string;
  phase: PhaseName;
  judgeId: string;
}

export interface AssignJudgeResult {
  phase: PhaseName;
  judgeId: string;
  judges: string[];
}

export class AssignJudgeCommand extends TallyCommand<AssignJudgeResult> {
  constructor(
    readonly input: AssignJudgeInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
