import { Inject, Logger, OnModuleDestroy } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { metadataCausedBy, Reactor, RecordedEvent, RegisteredReactor } from '@tally/eventstore';
import { Clock, CLOCK } from '@tally/platform';
import { FraudWarningReceived } from '../../domain/payment.events';
import { PAYMENTS_CONFIG, PaymentsConfig } from '../../payments.config';
import { FRAUD_WARNING_POLICY, FraudWarningPolicy } from '../../settings/fraud-warning-policy';
import { isTransientProviderError, retryDelayMs } from './provider-retry';
import { RequestRefundCommand } from '../request-refund/request-refund.command';
import { PaymentsError, PaymentsErrorCode } from '../../payments.errors';

/**
 * Warnings older than this are not acted on: refunding pays off only before a chargeback is
 * filed, and it keeps a first start (or a tenant opting in) from refunding old payments.
 */
const ACT_WITHIN_MS = 7 * 24 * 3_600_000;
/** Refusals that mean "nothing to refund here", not "try again": the payment is disputed, refunded, or its provider unusable. */
const SETTLED_REFUSALS: readonly PaymentsErrorCode[] = [
  'PAYMENTS.NOT_REFUNDABLE',
  'PAYMENTS.REFUND_EXCEEDS_PAYMENT',
  'PAYMENTS.PAYMENT_NOT_FOUND',
  'PAYMENTS.PROVIDER_NOT_CONFIGURED',
  'PAYMENTS.ACCOUNT_KEYS_GONE',
  // A 4xx, or transient failures that outlasted every attempt.
  'PAYMENTS.PROVIDER_ERROR',
];

/**
 * Refunds a payment through its provider when an actionable early fraud warning arrives and
 * the tenant opted in (FraudWarningPolicy): a refund now costs the amount, a lost chargeback
 * later costs the amount plus the fee. It sends the ordinary refund command under an
 * idempotency key derived from the warning, so repeats reach the provider once; the provider's
 * confirmation then takes the credits back like any refund. The credits themselves are held by
 * the credits reactor meanwhile. A reactor of its own (its own checkpoint), so a slow provider never delays credits.
 * A transient provider failure (network, 429, 5xx) is retried with backoff a bounded number of
 * times (PAYMENTS_REFUND_RETRY_ATTEMPTS); a 4xx is final at once.
 */
@RegisteredReactor()
export class FraudWarningRefunder implements Reactor, OnModuleDestroy {
  readonly name = 'payments.fraud-warning-refunds';
  readonly filter = { streamPrefixes: ['payment-'], eventTypes: ['FraudWarningReceived'] };
  readonly batchSize = 20;
  private readonly logger = new Logger('PaymentFraudWarnings');
  private stopped = false;

  constructor(
    private readonly commands: CommandBus,
    @Inject(FRAUD_WARNING_POLICY) private readonly policy: FraudWarningPolicy,
    @Inject(PAYMENTS_CONFIG) private readonly config: PaymentsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleDestroy(): void {
    this.stopped = true;
  }

  async react(recorded: RecordedEvent): Promise<void> {
    const { paymentId, warningId, actionable, at } = recorded.data as FraudWarningReceived['data'];
    const metadata = metadataCausedBy(recorded);
    // Not actionable: the charge is already refunded or disputed, there is nothing left to prevent.
    if (!actionable || this.clock.now().getTime() - Date.parse(at) > ACT_WITHIN_MS) return;
    if (!(await this.policy.refundOnWarning(metadata.tenantId))) return;
    // The same command (so the same refund id and provider idempotency key) on every attempt:
    // a refund the provider made before failing to answer is returned, never made twice.
    const command = new RequestRefundCommand({ paymentId, amount: null, reason: 'early_fraud_warning', idempotencyKey: `early-fraud-warning:${warningId}` }, metadata);
    const { attempts, baseDelayMs } = this.config.refundRetry;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const result = await this.commands.execute(command);
        this.logger.log({ paymentId, warningId, refundId: result.refundId, status: result.status, attempt }, 'Refunded a payment on an early fraud warning');
        return;
      } catch (error) {
        if (isTransientProviderError(error) && attempt < attempts && !this.stopped) {
          this.logger.warn({ paymentId, warningId, attempt, reason: (error as Error).message }, 'Automatic refund failed transiently; retrying');
          await this.pause(retryDelayMs(attempt, baseDelayMs));
          continue;
        }
        if (!(error instanceof PaymentsError) || !SETTLED_REFUSALS.includes(error.code)) throw error;
        // The warning stays on the payment (and its credits held); an organizer can still refund by hand.
        this.logger.warn({ paymentId, warningId, code: String(error.code), reason: error.message, attempt }, 'Early fraud warning not refunded automatically');
        return;
      }
    }
  }

  /** Waits between attempts; cut short when the module stops (the warning is then handled again from the checkpoint). */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => (this.stopped ? reject(new Error('Fraud warning refunds stopped')) : resolve()), ms);
      timer.unref();
    });
  }
}
