import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { PhaseName } from '../../domain/judging.events';

export interface DefinePhaseInput {
  contestId: string;
  phase: PhaseName;
  /** 0–1: the share of the previous phase's jury score carried into this one. */
  carryOver: number;
  /** Score-type weights of this phase (types not named keep their own weight). */
  weights: Record<string, number>;
}

export interface DefinePhaseResult {
  phase: PhaseName;
}

export class DefinePhaseCommand extends TallyCommand<DefinePhaseResult> {
  constructor(
    readonly input: DefinePhaseInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
