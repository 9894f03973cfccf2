import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { ContestStatus } from '../../domain/contest.events';

export interface ChangeContestStatusInput {
  contestId: string;
  /** A status to move to (organizer), or `due` to apply the schedule (the job). */
  to: ContestStatus | 'due';
}

export interface ChangeContestStatusResult {
  eventId: string;
  status: ContestStatus;
  changed: boolean;
}

export class ChangeContestStatusCommand extends TallyCommand<ChangeContestStatusResult> {
  constructor(
    readonly input: ChangeContestStatusInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
