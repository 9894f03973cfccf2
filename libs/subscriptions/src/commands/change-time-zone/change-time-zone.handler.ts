import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { subscriberDecider } from '../../domain/subscriber.state';
import { subscriptionDecider } from '../../domain/subscription.state';
import { subscriberStream, subscriptionStream } from '../../domain/subscriptions.streams';
import { assertSubscriptionAccess } from '../../http/subscription-access';
import { subscriptionView, SubscriptionView } from '../../queries/get-subscription/subscription.view';
import { SUBSCRIPTIONS_CONFIG, SubscriptionsConfig } from '../../subscriptions.config';
import { ChangeTimeZoneCommand } from './change-time-zone.command';
import { decideChangeTimeZone, decideSubscriberTimeZone } from './change-time-zone.decide';

/**
 * The change is recorded on the subscription stream, which the vote decision appends against:
 * a vote decided on the old zone in any process is refused by the store and decided again.
 * Then the user's stored zone (subscriber stream) follows, for later subscriptions.
 */
@CommandHandler(ChangeTimeZoneCommand)
export class ChangeTimeZoneHandler implements ICommandHandler<ChangeTimeZoneCommand, SubscriptionView> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(SUBSCRIPTIONS_CONFIG) private readonly config: SubscriptionsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ subscriptionId, timeZone, actor, metadata }: ChangeTimeZoneCommand): Promise<SubscriptionView> {
    const now = this.clock.now();
    const stream = subscriptionStream(metadata.tenantId, subscriptionId);
    const { state } = await this.runner.load(subscriptionDecider, stream);
    assertSubscriptionAccess(state, actor, 'change');
    const outcome = await this.runner.run({ decider: subscriptionDecider, streamId: stream, decide: (current) => decideChangeTimeZone(current, timeZone, now) }, metadata);
    await this.runner.run(
      { decider: subscriberDecider, streamId: subscriberStream(metadata.tenantId, state.userId), decide: (subscriber) => decideSubscriberTimeZone(subscriber, state.userId, timeZone, now) },
      metadata,
    );
    return subscriptionView(outcome.state, this.clock.now(), this.config.graceMs);
  }
}
