import { CommandMetadata, TallyCommand } from '@tally/eventstore';

export interface ReleaseHeldVoteInput {
  voteId: string;
  /** The voter whose ledger holds the vote. */
  userId: string;
  reason: string;
}

export interface ReviewDecisionResult {
  voteId: string;
  /** The vote's status after the decision. */
  status: 'accepted' | 'rejected' | 'held' | 'voided';
  /** Paid credits that went back to the voter (reject, void). */
  creditsReturned: number;
  decidedAt: string;
}

/** Fraud review cleared a held vote: from now on it counts. */
export class ReleaseHeldVoteCommand extends TallyCommand<ReviewDecisionResult> {
  constructor(
    readonly input: ReleaseHeldVoteInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
