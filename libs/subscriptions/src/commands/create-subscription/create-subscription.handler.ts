import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK, deterministicUuid, uuidv7 } from '@tally/platform';
import { planDecider } from '../../domain/plan.state';
import { subscriberDecider } from '../../domain/subscriber.state';
import { subscriptionDecider } from '../../domain/subscription.state';
import { planStream, subscriberStream, subscriptionStream } from '../../domain/subscriptions.streams';
import { BillingProviders } from '../../billing/billing-providers';
import { SubscriptionQuotaLookup } from '../../quota/subscription-quota.lookup';
import { subscriptionView, SubscriptionView } from '../../queries/get-subscription/subscription.view';
import { SUBSCRIPTIONS_CONFIG, SubscriptionsConfig } from '../../subscriptions.config';
import { CreateSubscriptionCommand } from './create-subscription.command';
import { decideReserveSubscriber, decideStartSubscription, subscribedPlanOf } from './create-subscription.decide';

/**
 * Reserve the user's slot, create the provider's customer and subscription (idempotent by our
 * id), then start the subscription stream. A retry with the same Idempotency-Key derives the
 * same subscription id, so each step finds its work done and the same subscription is answered.
 */
@CommandHandler(CreateSubscriptionCommand)
export class CreateSubscriptionHandler implements ICommandHandler<CreateSubscriptionCommand, SubscriptionView> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly billing: BillingProviders,
    private readonly quotas: SubscriptionQuotaLookup,
    @Inject(SUBSCRIPTIONS_CONFIG) private readonly config: SubscriptionsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: CreateSubscriptionCommand): Promise<SubscriptionView> {
    const { tenantId } = metadata;
    const now = this.clock.now();
    const subscriptionId = input.idempotencyKey ? deterministicUuid('subscription', tenantId, input.userId, input.idempotencyKey) : uuidv7();
    const plan = subscribedPlanOf((await this.runner.load(planDecider, planStream(tenantId, input.planId))).state);
    // Before reserving the slot: with no provider the user must not be left holding a reservation.
    const { provider, account } = await this.billing.forNew(tenantId);
    const slot = subscriberStream(tenantId, input.userId);
    const subscriber = (await this.runner.load(subscriberDecider, slot)).state;
    const timeZone = input.timeZone ?? subscriber.timeZone ?? this.config.defaultTimeZone;
    const heldId = subscriber.subscriptionId;
    const current = heldId ? { subscriptionId: heldId, state: (await this.runner.load(subscriptionDecider, subscriptionStream(tenantId, heldId))).state } : null;
    await this.runner.run({ decider: subscriberDecider, streamId: slot, decide: (state) => decideReserveSubscriber({ userId: input.userId, subscriptionId, timeZone }, state, current, now) }, metadata);

    const billing = await provider.start({ tenantId, subscriptionId, userId: input.userId, plan });
    const started = await this.runner.run(
      {
        decider: subscriptionDecider,
        streamId: subscriptionStream(tenantId, subscriptionId),
        decide: (state) => decideStartSubscription({ subscriptionId, userId: input.userId, plan, timeZone, provider: provider.name, account, billing }, state, now),
      },
      metadata,
    );
    if (started.events.length > 0) await (await this.billing.get(tenantId, started.state)).afterStart(tenantId, started.state);
    this.quotas.forget(tenantId, input.userId);
    const { state } = await this.runner.load(subscriptionDecider, subscriptionStream(tenantId, subscriptionId));
    return subscriptionView(state, this.clock.now(), this.config.graceMs);
  }
}
