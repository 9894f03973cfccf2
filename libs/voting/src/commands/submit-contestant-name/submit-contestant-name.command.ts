import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import type { ContentSubmissionResult } from '../submit-contestant-content/submit-contestant-content.command';

export class SubmitContestantNameCommand extends TallyCommand<ContentSubmissionResult> {
  constructor(
    readonly contestId: string,
    readonly contestantId: string,
    readonly name: string,
    /** The caller reviews moderated content: the new name is approved at once. */
    readonly byReviewer: boolean,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
