import { CommandMetadata, TallyCommand } from '@tally/eventstore';

export interface RefundVoteInput {
  voteId: string;
  /** The voter whose ledger holds the vote. */
  userId: string;
  by: 'voter' | 'organizer';
}

export interface RefundVoteResult {
  voteId: string;
  status: 'refunded';
}

export class RefundVoteCommand extends TallyCommand<RefundVoteResult> {
  constructor(
    readonly input: RefundVoteInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
