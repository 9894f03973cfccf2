import { Inject } from '@nestjs/common';
import { metadataCausedBy, Reactor, RecordedEvent, RegisteredReactor } from '@tally/eventstore';
import { TaskQueue } from '@tally/jobs';
import { Clock, CLOCK } from '@tally/platform';
import { FraudWarningReceived } from '../../domain/payment.events';
import { FRAUD_WARNING_POLICY, FraudWarningPolicy } from '../../settings/fraud-warning-policy';
import { REFUND_ON_FRAUD_WARNING, RefundOnFraudWarningPayload } from './refund-on-fraud-warning.task';

/**
 * Warnings older than this are not acted on: refunding pays off only before a chargeback is
 * filed, and it keeps a first start (or a tenant opting in) from refunding old payments.
 */
const ACT_WITHIN_MS = 7 * 24 * 3_600_000;

/**
 * Decides that a payment is to be refunded when an actionable early fraud warning arrives and
 * the tenant opted in (FraudWarningPolicy): a refund now costs the amount, a lost chargeback
 * later costs the amount plus the fee. The refund itself is an async task
 * (RefundOnFraudWarningTask), enqueued with the warning in its dedupe key, so the task exists
 * once however often this reactor sees the event, and a slow or failing provider is retried by
 * the task queue, never holding this reactor (or the credits reactor) back. The provider's
 * confirmation then takes the credits back like any refund; the credits reactor holds them meanwhile.
 */
@RegisteredReactor()
export class FraudWarningRefunder implements Reactor {
  readonly name = 'payments.fraud-warning-refunds';
  readonly filter = { streamPrefixes: ['payment-'], eventTypes: ['FraudWarningReceived'] };
  readonly batchSize = 20;

  constructor(
    private readonly tasks: TaskQueue,
    @Inject(FRAUD_WARNING_POLICY) private readonly policy: FraudWarningPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async react(recorded: RecordedEvent): Promise<void> {
    const { paymentId, warningId, actionable, at } = recorded.data as FraudWarningReceived['data'];
    const metadata = metadataCausedBy(recorded);
    // Not actionable: the charge is already refunded or disputed, there is nothing left to prevent.
    if (!actionable || this.clock.now().getTime() - Date.parse(at) > ACT_WITHIN_MS) return;
    if (!(await this.policy.refundOnWarning(metadata.tenantId))) return;
    const payload: RefundOnFraudWarningPayload = { paymentId, warningId, metadata };
    await this.tasks.enqueue({ type: REFUND_ON_FRAUD_WARNING, payload, dedupeKey: `${REFUND_ON_FRAUD_WARNING}:${recorded.id}` });
  }
}
