import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK } from '@tally/platform';
import { QuotaUtilisation } from '@tally/subscriptions';
import { Gauge } from 'prom-client';
import { TallyMetrics } from './metrics.registry';

/** Subscription quota utilisation (SPEC "Subscription quota utilization"), read at scrape time from subscription_usage. */
// aggregator 'max': read from the shared database, every cluster worker reads the same value (not a sum).
@Injectable()
export class SubscriptionQuotaMetrics {
  constructor(metrics: TallyMetrics, utilisation: QuotaUtilisation, @Inject(CLOCK) clock: Clock) {
    const ratio = new Gauge({
      name: 'tally_subscription_quota_utilisation',
      help: "Votes drawn from subscription quotas ÷ those subscribers' daily quotas, on their current local day, per tenant and plan (subscribers who voted)",
      labelNames: ['tenant', 'plan'] as const,
      registers: [metrics.registry],
      aggregator: 'max',
      collect: async () => {
        ratio.reset();
        for (const plan of await utilisation.today(clock.now())) ratio.set({ tenant: plan.tenantId, plan: plan.planId }, plan.quota > 0 ? plan.votesUsed / plan.quota : 0);
      },
    });
  }
}
