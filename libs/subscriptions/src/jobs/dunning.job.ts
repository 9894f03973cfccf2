import { Inject } from '@nestjs/common';
import { RegisteredJob, ScheduledJob } from '@tally/jobs';
import { SUBSCRIPTIONS_CONFIG, SubscriptionsConfig } from '../subscriptions.config';
import { Dunning, DunningRun } from './dunning';

/** Suspends subscriptions whose failed renewal's grace is over (SUBSCRIPTIONS_JOB_INTERVAL_MS). */
@RegisteredJob()
export class DunningJob implements ScheduledJob {
  readonly name = 'subscriptions.dunning';
  readonly schedule: ScheduledJob['schedule'];

  constructor(
    private readonly dunning: Dunning,
    @Inject(SUBSCRIPTIONS_CONFIG) config: SubscriptionsConfig,
  ) {
    this.schedule = { everyMs: config.jobIntervalMs };
  }

  run(): Promise<DunningRun> {
    return this.dunning.run();
  }
}
