import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { BillingFact } from '../../billing/billing-fact';

export interface RecordBillingFactResult {
  /** Event types appended (none when the fact was already known). */
  appended: string[];
}

/** A verified billing webhook's fact, for one subscription (the webhook inbox sends it). */
export class RecordBillingFactCommand extends TallyCommand<RecordBillingFactResult> {
  constructor(
    readonly subscriptionId: string,
    readonly fact: BillingFact,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
