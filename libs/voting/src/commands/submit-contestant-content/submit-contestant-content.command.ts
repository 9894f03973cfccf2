import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { ContestantContent } from '../../domain/contestant-content';

export interface ContentSubmissionResult {
  submissionId: string;
  status: 'pending';
}

export class SubmitContestantContentCommand extends TallyCommand<ContentSubmissionResult> {
  constructor(
    readonly contestId: string,
    readonly contestantId: string,
    readonly content: ContestantContent,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
