import { Actor } from '@tally/platform';
import { CommandMetadata, TallyCommand } from '@tally/eventstore';
import { SubscriptionView } from '../../queries/get-subscription/subscription.view';

export class ChangeTimeZoneCommand extends TallyCommand<SubscriptionView> {
  constructor(
    readonly subscriptionId: string,
    readonly timeZone: string,
    readonly actor: Actor,
    metadata: CommandMetadata,
  ) {
    super(metadata);
  }
}
