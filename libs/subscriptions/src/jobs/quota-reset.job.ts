import { Inject } from '@nestjs/common';
import { RegisteredJob, ScheduledJob } from '@tally/jobs';
import { SUBSCRIPTIONS_CONFIG, SubscriptionsConfig } from '../subscriptions.config';
import { QuotaResetRun, QuotaResets } from './quota-resets';

/** Records each subscriber's quota reset at their local midnight (SUBSCRIPTIONS_JOB_INTERVAL_MS). */
@RegisteredJob()
export class QuotaResetJob implements ScheduledJob {
  readonly name = 'subscriptions.quota-reset';
  readonly schedule: ScheduledJob['schedule'];

  constructor(
    private readonly resets: QuotaResets,
    @Inject(SUBSCRIPTIONS_CONFIG) config: SubscriptionsConfig,
  ) {
    this.schedule = { everyMs: config.jobIntervalMs };
  }

  run(): Promise<QuotaResetRun> {
    return this.resets.run();
  }
}
