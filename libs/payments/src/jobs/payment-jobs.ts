import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { commandMetadata } from '@tally/eventstore';
import { Clock, CLOCK, DomainError, PG_POOL, PLATFORM_CONFIG, PlatformConfig } from '@tally/platform';
import { Pool } from 'pg';
import { PaymentFacts } from '../commands/record-provider-event/payment-facts.service';
import { PROVIDER_NAMES, ProviderName } from '../domain/payment.events';
import { PAYMENTS_CONFIG, PaymentsConfig } from '../payments.config';
import { ProviderPaymentSnapshot } from '../providers/payment-provider.port';
import { PaymentProviders } from '../providers/payment-providers';
import { TENANT_PAYMENT_SETTINGS, TenantCredentials, TenantPaymentSettings } from '../settings/tenant-payment-settings.port';
import { WebhookInbox } from '../webhooks/webhook-inbox';

const RETRY_LOCK = 0x7a11_0001;

export interface ReconcileResult {
  checked: number;
  repaired: number;
  failed: number;
  /** Listed by an account the payment was not made on: not applied. */
  skipped: number;
}
const RECONCILE_LOCK = 0x7a11_0002;

/**
 * The payment jobs, run by the worker role on one leader (a PostgreSQL advisory lock):
 * - webhook retry (every 15 minutes by default): processes again the deliveries whose
 *   processing failed, until they succeed or run out of attempts;
 * - reconciliation (hourly by default): lists the provider's recent payments and applies what
 *   they say, which repairs any webhook we never received.
 */
@Injectable()
export class PaymentJobs implements OnApplicationBootstrap {
  private readonly logger = new Logger('PaymentJobs');

  constructor(
    private readonly inbox: WebhookInbox,
    private readonly providers: PaymentProviders,
    private readonly facts: PaymentFacts,
    private readonly scheduler: SchedulerRegistry,
    @Inject(TENANT_PAYMENT_SETTINGS) private readonly settings: TenantPaymentSettings,
    @Inject(PAYMENTS_CONFIG) private readonly config: PaymentsConfig,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (this.platform.role === 'api') return;
    const every = (name: string, ms: number, lock: number, work: () => Promise<unknown>) => {
      const timer = setInterval(() => void this.asLeader(lock, work).catch((error: unknown) => this.logger.error({ err: error }, `${name} failed`)), ms);
      timer.unref();
      this.scheduler.addInterval(`payments.${name}`, timer);
    };
    every('webhook-retry', this.config.webhookRetryIntervalMs, RETRY_LOCK, () => this.retryWebhooks());
    every('reconcile', this.config.reconcileIntervalMs, RECONCILE_LOCK, () => this.reconcile());
  }

  /** Processes due failed deliveries again; returns how each ended. */
  async retryWebhooks(limit = 500): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const webhookId of await this.inbox.due(limit)) {
      const outcome = await this.inbox.process(webhookId);
      counts[outcome] = (counts[outcome] ?? 0) + 1;
    }
    return counts;
  }

  /**
   * Applies the recent payments of every provider account (the platform's and each tenant's
   * own, each asked with its own keys); returns how many payments changed. A tenant's account
   * only speaks for that tenant's payments, and any account only for the payments made on it
   * (`skipped` counts the others): a payment whose account's keys are gone is not listed by
   * anyone, so nothing is applied to it.
   */
  async reconcile(): Promise<ReconcileResult> {
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
        if (error instanceof DomainError && error.code === 'PAYMENTS.ACCOUNT_MISMATCH') {
          result.skipped += 1;
          this.logger.warn({ provider: name, tenantId, paymentId: reference.paymentId, reason: error.message }, 'Reconciliation skipped a payment made on another account');
          continue;
        }
        result.failed += 1;
        this.logger.warn({ provider: name, providerPaymentId: snapshot.providerPaymentId, error: error instanceof Error ? error.message : String(error) }, 'Reconciliation could not apply a payment');
      }
    }
  }

  private async asLeader(lock: number, work: () => Promise<unknown>): Promise<void> {
    const client = await this.pool.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [lock]);
      if (!rows[0]?.locked) return;
      try {
        await work();
      } finally {
        await client.query('select pg_advisory_unlock($1)', [lock]);
      }
    } finally {
      client.release();
    }
  }
}
