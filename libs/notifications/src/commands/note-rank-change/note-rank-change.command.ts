import { CommandMetadata, TallyCommand } from '@tally/eventstore';

export interface NoteRankChangeInput {
  userId: string;
  contestId: string;
  contestantId: string;
  contestantName: string;
  from: number;
  to: number;
  /** Derived from what was compared: a job run retried after a crash appends the same event, which the store keeps once. */
  noticeId: string;
}

/** True when a notice was appended (false: the voter has no device left to tell). */
export class NoteRankChangeCommand extends TallyCommand<boolean> {
  constructor(
    readonly input: NoteRankChangeInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
