import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { SubscriptionView } from '../../queries/get-subscription/subscription.view';

export interface CreateSubscriptionInput {
  userId: string;
  planId: string;
  /** IANA zone; the subscriber's stored zone (else the default) when absent. */
  timeZone?: string;
  idempotencyKey: string | null;
}

export class CreateSubscriptionCommand extends TallyCommand<SubscriptionView> {
  constructor(
    readonly input: CreateSubscriptionInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
