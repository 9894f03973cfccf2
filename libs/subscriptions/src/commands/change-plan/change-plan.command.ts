import { Actor } from '@tally/platform';
import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { PlanChangeDirection } from '../../domain/subscription.events';
import { SubscriptionView } from '../../queries/get-subscription/subscription.view';

export interface ChangePlanInput {
  subscriptionId: string;
  planId: string;
  direction: PlanChangeDirection;
  actor: Actor;
}

export class ChangePlanCommand extends TallyCommand<SubscriptionView> {
  constructor(
    readonly input: ChangePlanInput,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
