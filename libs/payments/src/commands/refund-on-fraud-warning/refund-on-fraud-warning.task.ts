import { Inject, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RegisteredTask, TaskHandler, TaskRetryPolicy } from '@tally/jobs';
import { CommandMetadata, commandMetadata } from '@tally/platform';
import { PaymentsError, PaymentsErrorCode } from '../../payments.errors';
import { PAYMENTS_CONFIG, PaymentsConfig } from '../../payments.config';
import { RequestRefundCommand } from '../request-refund/request-refund.command';
import { isTransientProviderError } from './provider-retry';

export const REFUND_ON_FRAUD_WARNING = 'payments.refund-on-fraud-warning';

export interface RefundOnFraudWarningPayload {
  paymentId: string;
  warningId: string;
  /** The warning event's, so the refund is caused by it and correlated with it. */
  metadata: CommandMetadata;
}

/** Refusals that mean "nothing to refund here", not "try again": the payment is disputed, refunded, or its provider unusable. */
const SETTLED_REFUSALS: readonly PaymentsErrorCode[] = [
  'PAYMENTS.NOT_REFUNDABLE',
  'PAYMENTS.REFUND_EXCEEDS_PAYMENT',
  'PAYMENTS.PAYMENT_NOT_FOUND',
  'PAYMENTS.PROVIDER_NOT_CONFIGURED',
  'PAYMENTS.ACCOUNT_KEYS_GONE',
  // A 4xx (transient provider errors are thrown before this list is read, to be tried again).
  'PAYMENTS.PROVIDER_ERROR',
];

/**
 * The refund an actionable early fraud warning asks for (enqueued by FraudWarningRefunder):
 * the ordinary refund command under an idempotency key derived from the warning, so every
 * attempt carries the same refund id and provider idempotency key and the provider refunds at
 * most once, however often the task runs. A transient provider failure (no answer, 429, 5xx) is
 * thrown: the task queue tries again with exponential backoff and jitter
 * (PAYMENTS_REFUND_RETRY_ATTEMPTS tries from PAYMENTS_REFUND_RETRY_BASE_MS, capped at a minute),
 * then the task is dead and the 5-minute dead-letter sweep retries it with growing delays. A 4xx
 * or a settled refusal is final: logged, and the warning and its hold stay for an organizer.
 */
@RegisteredTask(REFUND_ON_FRAUD_WARNING)
export class RefundOnFraudWarningTask implements TaskHandler<RefundOnFraudWarningPayload> {
  readonly retry: Partial<TaskRetryPolicy>;
  private readonly logger = new Logger('PaymentFraudWarnings');

  constructor(
    private readonly commands: CommandBus,
    @Inject(PAYMENTS_CONFIG) config: PaymentsConfig,
  ) {
    this.retry = { maxAttempts: config.refundRetry.attempts, baseDelayMs: config.refundRetry.baseDelayMs, maxDelayMs: 60_000 };
  }

  async handle({ paymentId, warningId, metadata }: RefundOnFraudWarningPayload): Promise<{ refunded: boolean; refundId?: string; code?: string }> {
    const command = new RequestRefundCommand({ paymentId, amount: null, reason: 'early_fraud_warning', idempotencyKey: `early-fraud-warning:${warningId}` }, commandMetadata(metadata));
    try {
      const result = await this.commands.execute(command);
      this.logger.log({ paymentId, warningId, refundId: result.refundId, status: result.status }, 'Refunded a payment on an early fraud warning');
      return { refunded: true, refundId: result.refundId };
    } catch (error) {
      if (isTransientProviderError(error) || !(error instanceof PaymentsError) || !SETTLED_REFUSALS.includes(error.code)) throw error;
      // The warning stays on the payment (and its credits held); an organizer can still refund by hand.
      this.logger.warn({ paymentId, warningId, code: error.code, reason: error.message }, 'Early fraud warning not refunded automatically');
      return { refunded: false, code: error.code };
    }
  }
}
