import { CommandMetadata, TallyCommand } from '@tally/eventstore';

export interface RetirePlanResult {
  planId: string;
  retired: true;
}

export class RetirePlanCommand extends TallyCommand<RetirePlanResult> {
  constructor(
    readonly planId: string,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
