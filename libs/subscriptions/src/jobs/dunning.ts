import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { CommandRunner, commandMetadata } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { decideSuspendOverdue } from '../commands/suspend-overdue/suspend-overdue.decide';
import { subscriptionDecider } from '../domain/subscription.state';
import { subscriptionStream } from '../domain/subscriptions.streams';

const BATCH = 200;

export interface DunningRun {
  suspended: number;
}

/**
 * Dunning's last step: past_due subscriptions whose grace is over are suspended (decided on
 * each stream, so a payment that arrived meanwhile wins). Renewals are the provider's: Stripe's,
 * or the payment sandbox's clock (payments.sandbox-billing), which bill through the webhooks.
 */
@Injectable()
export class Dunning {
  constructor(
    private readonly em: EntityManager,
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(): Promise<DunningRun> {
    const now = this.clock.now();
    const overdue = await this.sql<{ tenant_id: string; subscription_id: string }>(
      `select tenant_id, subscription_id from subscriptions where status = 'past_due' and grace_until <= ? limit ?`,
      [now, BATCH],
    );
    let suspended = 0;
    for (const row of overdue) {
      const metadata = commandMetadata({ tenantId: row.tenant_id, actorId: null, clientIp: null });
      const outcome = await this.runner.run({ decider: subscriptionDecider, streamId: subscriptionStream(row.tenant_id, row.subscription_id), decide: (state) => decideSuspendOverdue(state, now) }, metadata);
      suspended += outcome.events.length;
    }
    return { suspended };
  }

  private sql<T>(query: string, params: unknown[]): Promise<T[]> {
    return this.em.fork().getConnection().execute<T[]>(query, params);
  }
}
