import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import type { ReviewDecisionResult } from '../release-held-vote/release-held-vote.command';

export interface RejectHeldVoteInput {
  voteId: string;
  /** The voter whose ledger holds the vote. */
  userId: string;
  reason: string;
}

/** Fraud review refused a held vote: it never counts and its credits go back to the voter. */
export class RejectHeldVoteCommand extends TallyCommand<ReviewDecisionResult> {
  constructor(
    readonly input: RejectHeldVoteInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
