import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { PlanTerms } from '../../domain/plan.events';
import { PlanResult } from '../create-plan/create-plan.command';

export class UpdatePlanCommand extends TallyCommand<PlanResult> {
  constructor(
    readonly planId: string,
    readonly terms: PlanTerms,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
