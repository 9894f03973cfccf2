import { CommandMetadata, TallyCommand } from '@tally/eventstore';

export interface PatternActionInput {
  voteId: string;
  /** The voter whose ledger holds the vote. */
  userId: string;
  /** The suspicious-pattern finding that asks for it; the same finding acts once. */
  findingId: string;
  reason: string;
  /** Why a void is recorded: 'fraud' (the default, a pattern finding) or 'dispute' (findingId is the upheld case). */
  voidReason?: 'fraud' | 'dispute';
}

export interface PatternActionResult {
  voteId: string;
  /** False when the vote was no longer in a state the action applies to, or its event's tally is final. */
  applied: boolean;
  status: string;
}

/** A counted vote found in a suspicious pattern stops counting and goes to the fraud case queue. */
export class HoldVoteForReviewCommand extends TallyCommand<PatternActionResult> {
  constructor(
    readonly input: PatternActionInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
