import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK, deterministicUuid } from '@tally/platform';
import { BillingProviders } from '../../billing/billing-providers';
import { planDecider } from '../../domain/plan.state';
import { subscriptionDecider } from '../../domain/subscription.state';
import { planStream, subscriptionStream } from '../../domain/subscriptions.streams';
import { assertSubscriptionAccess } from '../../http/subscription-access';
import { subscriptionView, SubscriptionView } from '../../queries/get-subscription/subscription.view';
import { SUBSCRIPTIONS_CONFIG, SubscriptionsConfig } from '../../subscriptions.config';
import { subscribedPlanOf } from '../create-subscription/create-subscription.decide';
import { ChangePlanCommand } from './change-plan.command';
import { decideChangePlan } from './change-plan.decide';

/** Decide on the stream, have the provider re-price (proration invoiced at once, idempotent by the change's id), then record the change. */
@CommandHandler(ChangePlanCommand)
export class ChangePlanHandler implements ICommandHandler<ChangePlanCommand, SubscriptionView> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly billing: BillingProviders,
    @Inject(SUBSCRIPTIONS_CONFIG) private readonly config: SubscriptionsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, metadata }: ChangePlanCommand): Promise<SubscriptionView> {
    const now = this.clock.now();
    const stream = subscriptionStream(metadata.tenantId, input.subscriptionId);
    const loaded = await this.runner.load(subscriptionDecider, stream);
    assertSubscriptionAccess(loaded.state, input.actor, 'change');
    const to = subscribedPlanOf((await this.runner.load(planDecider, planStream(metadata.tenantId, input.planId))).state);
    decideChangePlan(input.direction, to, loaded.state, now);
    const changeId = deterministicUuid('plan-change', input.subscriptionId, String(loaded.revision), to.planId, String(to.version));
    await (await this.billing.get(metadata.tenantId, loaded.state)).changePlan(metadata.tenantId, loaded.state, to, changeId);
    const outcome = await this.runner.run({ decider: subscriptionDecider, streamId: stream, decide: (state) => decideChangePlan(input.direction, to, state, now) }, metadata);
    return subscriptionView(outcome.state, this.clock.now(), this.config.graceMs);
  }
}
