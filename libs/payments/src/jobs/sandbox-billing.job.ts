import { Inject } from '@nestjs/common';
import { RegisteredJob, ScheduledJob } from '@tally/jobs';
import { PAYMENTS_CONFIG, PaymentsConfig } from '../payments.config';
import { SandboxBilling } from '../providers/sandbox/sandbox-billing';

/**
 * The billing sandbox's clock (PAYMENTS_SANDBOX_BILLING_SECONDS): what Stripe does when a
 * subscription's period ends, renewing it on the card on file or ending one set to cancel.
 * Nothing to do where the sandbox is off.
 */
@RegisteredJob()
export class SandboxBillingJob implements ScheduledJob {
  readonly name = 'payments.sandbox-billing';
  readonly schedule: ScheduledJob['schedule'];

  constructor(
    private readonly billing: SandboxBilling,
    @Inject(PAYMENTS_CONFIG) config: PaymentsConfig,
  ) {
    this.schedule = { everyMs: config.sandboxBillingIntervalMs };
  }

  run(): Promise<{ renewed: number; ended: number }> {
    return this.billing.advanceClock();
  }
}
