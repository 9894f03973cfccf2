import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { PlanTerms } from '../../domain/plan.events';

export interface PlanResult {
  planId: string;
  version: number;
}

export class CreatePlanCommand extends TallyCommand<PlanResult> {
  constructor(
    readonly terms: PlanTerms,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
