import { Inject, Logger } from '@nestjs/common';
import { commandMetadata } from '@tally/eventstore';
import { RegisteredJob, ScheduledJob } from '@tally/jobs';
import { Clock, CLOCK } from '@tally/platform';
import { PaymentFacts } from '../commands/record-provider-event/payment-facts.service';
import { PROVIDER_NAMES, ProviderName } from '../domain/payment.events';
import { PAYMENTS_CONFIG, PaymentsConfig } from '../payments.config';
import { ProviderPaymentSnapshot } from '../providers/payment-provider.port';
import { PaymentProviders } from '../providers/payment-providers';
import { TENANT_PAYMENT_SETTINGS, TenantCredentials, TenantPaymentSettings } from '../settings/tenant-payment-settings.port';
import { PaymentsError } from '../payments.errors';

export interface ReconcileResult {
  checked: number;
  repaired: number;
  failed: number;
  /** Listed by an account the payment was not made on: not applied. */
  skipped: number;
}

/**
 * Lists the providers' recent payments and applies what they say, which repairs any webhook we
 * never received (hourly by default; PAYMENTS_RECONCILE_MINUTES).
 */
@RegisteredJob()
export class ReconcilePaymentsJob implements ScheduledJob {
  readonly name = 'payments.reconcile';
  readonly schedule: ScheduledJob['schedule'];
  private readonly logger = new Logger('ReconcilePaymentsJob');

  constructor(
    private readonly providers: PaymentProviders,
    private readonly facts: PaymentFacts,
    @Inject(TENANT_PAYMENT_SETTINGS) private readonly settings: TenantPaymentSettings,
    @Inject(PAYMENTS_CONFIG) private readonly config: PaymentsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.schedule = { everyMs: config.reconcileIntervalMs };
  }

  /**
   * Applies the recent payments of every provider account (the platform's and each tenant's
   * own, each asked with its own keys); returns how many payments changed. A tenant's account
   * only speaks for that tenant's payments, and any account only for the payments made on it
   * (`skipped` counts the others): a payment whose account's keys are gone is not listed by
   * anyone, so nothing is applied to it.
   */
  async run(): Promise<ReconcileResult> {
    const since = new Date(this.clock.now().getTime() - this.config.reconcileLookbackMs);
    const result: ReconcileResult = { checked: 0, repaired: 0, failed: 0, skipped: 0 };
    for (const account of await this.settings.accounts()) {
      for (const name of PROVIDER_NAMES) {
        const credentials = account.credentials[name];
        if (credentials) await this.reconcileAccount(name, credentials, account.tenantId, since, result);
      }
    }
    return result;
  }

  private async reconcileAccount(name: ProviderName, credentials: TenantCredentials, tenantId: string | null, since: Date, result: ReconcileResult): Promise<void> {
    let snapshots: ProviderPaymentSnapshot[];
    try {
      snapshots = await this.providers.get(name).listRecentPayments(since, credentials);
    } catch (error) {
      // One tenant's revoked key must not stop the others' reconciliation.
      result.failed += 1;
      this.logger.warn({ provider: name, tenantId, error: error instanceof Error ? error.message : String(error) }, 'Reconciliation could not list an account');
      return;
    }
    for (const snapshot of snapshots) {
      const reference = snapshot.reference;
      if (!snapshot.fact || !reference?.tenantId || !reference.paymentId) continue;
      if (tenantId !== null && reference.tenantId !== tenantId) continue;
      result.checked += 1;
      const account = credentials.account;
      const recovery = reference.voterId && reference.votes ? { provider: name, providerPaymentId: snapshot.providerPaymentId, amount: snapshot.amount, voterId: reference.voterId, votes: reference.votes, contestId: reference.contestId ?? null, account } : null;
      try {
        const metadata = commandMetadata({ tenantId: reference.tenantId, actorId: null, clientIp: null, correlationId: `reconcile-${snapshot.providerPaymentId}` });
        const outcome = await this.facts.record(reference.paymentId, snapshot.fact, recovery, metadata, account);
        if (outcome.events.length > 0) result.repaired += 1;
      } catch (error) {
        if (error instanceof PaymentsError && error.code === 'PAYMENTS.ACCOUNT_MISMATCH') {
          result.skipped += 1;
          this.logger.warn({ provider: name, tenantId, paymentId: reference.paymentId, reason: error.message }, 'Reconciliation skipped a payment made on another account');
          continue;
        }
        result.failed += 1;
        this.logger.warn({ provider: name, providerPaymentId: snapshot.providerPaymentId, error: error instanceof Error ? error.message : String(error) }, 'Reconciliation could not apply a payment');
      }
    }
  }
}
