import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { subscriptionDecider } from '../../domain/subscription.state';
import { subscriptionStream } from '../../domain/subscriptions.streams';
import { SUBSCRIPTIONS_CONFIG, SubscriptionsConfig } from '../../subscriptions.config';
import { RecordBillingFactCommand, RecordBillingFactResult } from './record-billing-fact.command';
import { decideBillingFact } from './record-billing-fact.decide';

@CommandHandler(RecordBillingFactCommand)
export class RecordBillingFactHandler implements ICommandHandler<RecordBillingFactCommand, RecordBillingFactResult> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(SUBSCRIPTIONS_CONFIG) private readonly config: SubscriptionsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ subscriptionId, fact, metadata }: RecordBillingFactCommand): Promise<RecordBillingFactResult> {
    const now = this.clock.now();
    const outcome = await this.runner.run(
      { decider: subscriptionDecider, streamId: subscriptionStream(metadata.tenantId, subscriptionId), decide: (state) => decideBillingFact(fact, state, this.config.graceMs, now) },
      metadata,
    );
    return { appended: outcome.events.map((event) => event.type) };
  }
}
