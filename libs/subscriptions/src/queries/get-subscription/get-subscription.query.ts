import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Actor, Clock, CLOCK } from '@tally/platform';
import { subscriptionDecider } from '../../domain/subscription.state';
import { subscriptionStream } from '../../domain/subscriptions.streams';
import { assertSubscriptionAccess } from '../../http/subscription-access';
import { SUBSCRIPTIONS_CONFIG, SubscriptionsConfig } from '../../subscriptions.config';
import { subscriptionView, SubscriptionView } from './subscription.view';

export class GetSubscriptionQuery extends Query<SubscriptionView> {
  constructor(
    readonly tenantId: string,
    readonly subscriptionId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** From the subscription's stream, so a subscriber sees a payment or a plan change at once. */
@QueryHandler(GetSubscriptionQuery)
export class GetSubscriptionHandler implements IQueryHandler<GetSubscriptionQuery, SubscriptionView> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(SUBSCRIPTIONS_CONFIG) private readonly config: SubscriptionsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ tenantId, subscriptionId, actor }: GetSubscriptionQuery): Promise<SubscriptionView> {
    const { state } = await this.runner.load(subscriptionDecider, subscriptionStream(tenantId, subscriptionId));
    assertSubscriptionAccess(state, actor, 'read');
    return subscriptionView(state, this.clock.now(), this.config.graceMs);
  }
}
