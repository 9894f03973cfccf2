import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { ContestSettings } from '../../domain/contest.events';

export interface EditContestInput {
  contestId: string;
  name?: string;
  startDate?: string;
  endDate?: string;
  voteCap?: number;
  settings?: Partial<ContestSettings>;
}

export class EditContestCommand extends TallyCommand<{ eventId: string }> {
  constructor(
    readonly input: EditContestInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
