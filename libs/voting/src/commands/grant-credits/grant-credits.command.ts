import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { CreditSource } from '../../domain/voter.events';

export interface GrantCreditsInput {
  userId: string;
  /** Whole vote credits, > 0. */
  credits: number;
  /**
   * A UUID naming this grant, chosen by the caller and stable across retries (use
   * `deterministicUuid(CREDIT_OPERATIONS, 'payment', paymentId)`): a grant already applied is not applied again.
   */
  grantId: string;
  source: CreditSource;
}

export interface GrantCreditsResult {
  grantId: string;
  /** False when this grant id had already been applied (nothing changed). */
  applied: boolean;
  balance: number;
}

/** Adds vote credits to a voter's ledger (payments, subscriptions, organizers, the demo seed). */
export class GrantCreditsCommand extends TallyCommand<GrantCreditsResult> {
  constructor(
    readonly input: GrantCreditsInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
