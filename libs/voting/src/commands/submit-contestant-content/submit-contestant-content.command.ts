import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { ContestantContent } from '../../domain/contestant-content';

export interface ContentSubmissionResult {
  submissionId: string;
  /** `approved` when a reviewer (moderator, platform admin) submitted it. */
  status: 'pending' | 'approved';
}

export class SubmitContestantContentCommand extends TallyCommand<ContentSubmissionResult> {
  constructor(
    readonly contestId: string,
    readonly contestantId: string,
    readonly content: ContestantContent,
    /** The caller reviews moderated content: what they submit is approved at once. */
    readonly byReviewer: boolean,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
