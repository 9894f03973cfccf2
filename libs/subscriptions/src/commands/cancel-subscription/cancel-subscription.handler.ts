import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { BillingProviders } from '../../billing/billing-providers';
import { subscriptionDecider } from '../../domain/subscription.state';
import { subscriptionStream } from '../../domain/subscriptions.streams';
import { assertSubscriptionAccess } from '../../http/subscription-access';
import { subscriptionView, SubscriptionView } from '../../queries/get-subscription/subscription.view';
import { SUBSCRIPTIONS_CONFIG, SubscriptionsConfig } from '../../subscriptions.config';
import { CancelSubscriptionCommand } from './cancel-subscription.command';
import { decideCancelSubscription } from './cancel-subscription.decide';

@CommandHandler(CancelSubscriptionCommand)
export class CancelSubscriptionHandler implements ICommandHandler<CancelSubscriptionCommand, SubscriptionView> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly billing: BillingProviders,
    @Inject(SUBSCRIPTIONS_CONFIG) private readonly config: SubscriptionsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ subscriptionId, actor, metadata }: CancelSubscriptionCommand): Promise<SubscriptionView> {
    const now = this.clock.now();
    const stream = subscriptionStream(metadata.tenantId, subscriptionId);
    const { state } = await this.runner.load(subscriptionDecider, stream);
    assertSubscriptionAccess(state, actor, 'change');
    if (decideCancelSubscription(state, now).length > 0) await (await this.billing.get(metadata.tenantId, state)).cancelAtPeriodEnd(metadata.tenantId, state);
    const outcome = await this.runner.run({ decider: subscriptionDecider, streamId: stream, decide: (current) => decideCancelSubscription(current, now) }, metadata);
    return subscriptionView(outcome.state, this.clock.now(), this.config.graceMs);
  }
}
