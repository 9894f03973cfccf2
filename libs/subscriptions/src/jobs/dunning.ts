import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { CommandRunner, commandMetadata } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { BillingProviders } from '../billing/billing-providers';
import { decideSuspendOverdue } from '../commands/suspend-overdue/suspend-overdue.decide';
import { subscriptionDecider } from '../domain/subscription.state';
import { subscriptionStream } from '../domain/subscriptions.streams';

const BATCH = 200;

export interface DunningRun {
  suspended: number;
  sandboxRenewals: number;
}

/**
 * Dunning's last step: past_due subscriptions whose grace is over are suspended (decided on
 * each stream, so a payment that arrived meanwhile wins). And the sandbox's renewals: a sandbox
 * subscription whose paid period ended, not cancelled, gets its next invoice paid, as Stripe
 * would charge the card on file.
 */
@Injectable()
export class Dunning {
  private readonly logger = new Logger('SubscriptionDunning');

  constructor(
    private readonly em: EntityManager,
    private readonly runner: CommandRunner,
    private readonly billing: BillingProviders,
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
    return { suspended, sandboxRenewals: await this.renewSandbox(now) };
  }

  private async renewSandbox(now: Date): Promise<number> {
    const sandbox = this.billing.sandbox;
    if (!sandbox) return 0;
    const due = await this.sql<{ tenant_id: string; subscription_id: string }>(
      `select tenant_id, subscription_id from subscriptions where provider = 'sandbox' and status = 'active' and end_date is null and paid_through <= ? limit ?`,
      [now, BATCH],
    );
    let renewed = 0;
    for (const row of due) {
      const { state } = await this.runner.load(subscriptionDecider, subscriptionStream(row.tenant_id, row.subscription_id));
      if (state.status !== 'active' || state.cancelAtMs !== null || (state.paidThroughMs ?? Infinity) > now.getTime()) continue;
      try {
        await sandbox.renew(row.tenant_id, state);
        renewed++;
      } catch (error) {
        this.logger.warn({ subscriptionId: row.subscription_id, error: error instanceof Error ? error.message : String(error) }, 'A sandbox renewal failed');
      }
    }
    return renewed;
  }

  private sql<T>(query: string, params: unknown[]): Promise<T[]> {
    return this.em.fork().getConnection().execute<T[]>(query, params);
  }
}
