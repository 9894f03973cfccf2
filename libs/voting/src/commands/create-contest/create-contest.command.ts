import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { ContestSettings } from '../../domain/contest.events';

export interface CreateContestInput {
  /** Chosen by the caller only for fixed ids (the demo seed, imports); minted otherwise. */
  contestId?: string;
  name: string;
  startDate: string;
  endDate: string;
  voteCap: number;
  currency?: string;
  settings?: Partial<ContestSettings>;
}

export interface CreateContestResult {
  eventId: string;
  status: 'draft';
}

export class CreateContestCommand extends TallyCommand<CreateContestResult> {
  constructor(
    readonly input: CreateContestInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
