import { CommandMetadata, TallyCommand } from '@tally/eventstore';

export interface AddContestantInput {
  contestId: string;
  name: string;
  /** Unique in the event; derived from the name when absent. */
  slug?: string;
  categoryId?: string;
  /** The caller reviews moderated content (moderator, platform admin): the name is public at once, with nothing to review. */
  byReviewer?: boolean;
}

export interface AddContestantResult {
  contestantId: string;
  slug: string;
}

export class AddContestantCommand extends TallyCommand<AddContestantResult> {
  constructor(
    readonly input: AddContestantInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
