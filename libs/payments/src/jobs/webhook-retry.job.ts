import { Inject } from '@nestjs/common';
import { RegisteredJob, ScheduledJob } from '@tally/jobs';
import { PAYMENTS_CONFIG, PaymentsConfig } from '../payments.config';
import { WebhookInbox } from '../webhooks/webhook-inbox';

/** Most deliveries processed again per run; the rest wait for the next one. */
const RUN_LIMIT = 500;

/**
 * Processes again the webhook deliveries whose processing failed, until they succeed or run out
 * of attempts (SPEC: every 15 minutes; PAYMENTS_WEBHOOK_RETRY_MINUTES).
 */
@RegisteredJob()
export class WebhookRetryJob implements ScheduledJob {
  readonly name = 'payments.webhook-retry';
  readonly schedule: ScheduledJob['schedule'];

  constructor(
    private readonly inbox: WebhookInbox,
    @Inject(PAYMENTS_CONFIG) config: PaymentsConfig,
  ) {
    this.schedule = { everyMs: config.webhookRetryIntervalMs };
  }

  /** How each due delivery ended, by outcome. */
  async run(limit = RUN_LIMIT): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const webhookId of await this.inbox.due(limit)) {
      const outcome = await this.inbox.process(webhookId);
      counts[outcome] = (counts[outcome] ?? 0) + 1;
    }
    return counts;
  }
}
