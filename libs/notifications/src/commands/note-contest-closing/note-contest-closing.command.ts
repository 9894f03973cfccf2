import { CommandMetadata, TallyCommand } from '@tally/eventstore';

export interface NoteContestClosingInput {
  contestId: string;
  name: string;
  /** The end date the notice is for (ISO-8601). */
  endDate: string;
}

/** True when a notice was appended (false: this end date had one already). */
export class NoteContestClosingCommand extends TallyCommand<boolean> {
  constructor(
    readonly input: NoteContestClosingInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
