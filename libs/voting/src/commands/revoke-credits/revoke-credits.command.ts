import { CommandMetadata, TallyCommand } from '@tally/eventstore';

export interface RevokeCreditsInput {
  userId: string;
  /** Whole credits to take back, > 0. */
  credits: number;
  /** A UUID stable across retries (`deterministicUuid(CREDIT_OPERATIONS, 'refund', refundId)`); applied once. */
  revokeId: string;
  reason: string;
  /** What caused it (a refund or chargeback id), kept for the audit trail. */
  ref: string;
  /**
   * When the voter already spent some of these credits: void their most recent paid votes
   * until the shortfall is covered (compensation for a refunded or charged-back payment).
   * Otherwise only the unspent part is revoked and the shortfall is reported.
   */
  voidVotes: boolean;
}

export interface RevokeCreditsResult {
  revokeId: string;
  applied: boolean;
  /** Credits taken from the unspent balance. */
  revoked: number;
  /** Credits that were already spent and not recovered by voiding votes. */
  shortfall: number;
  voidedVoteIds: string[];
  balance: number;
}

/** Takes vote credits back (payment refund, chargeback), optionally voiding votes they paid for. */
export class RevokeCreditsCommand extends TallyCommand<RevokeCreditsResult> {
  constructor(
    readonly input: RevokeCreditsInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
