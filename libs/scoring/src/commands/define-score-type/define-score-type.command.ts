import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { CalculationMethod } from '../../domain/judging.events';

export interface DefineScoreTypeInput {
  contestId: string;
  name: string;
  scaleMin: number;
  scaleMax: number;
  weight: number;
  calculationMethod: CalculationMethod;
}

export interface DefineScoreTypeResult {
  scoreTypeId: string;
}

export class DefineScoreTypeCommand extends TallyCommand<DefineScoreTypeResult> {
  constructor(
    readonly input: DefineScoreTypeInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
