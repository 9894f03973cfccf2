import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { commandMetadata } from '@tally/eventstore';
import { Clock, CLOCK, isUuid, uuidv7 } from '@tally/platform';
import { PaymentProviderName } from '../domain/payment.events';
import { PaymentRecovery, ProviderFact } from '../domain/provider-fact';
import { PaymentFacts } from '../commands/record-provider-event/payment-facts.service';
import { PAYMENTS_CONFIG, PaymentsConfig, Secret } from '../payments.config';
import { PaymentReference, VerifiedWebhook, WEBHOOK_SIGNATURE_HEADERS } from '../providers/payment-provider.port';
import { PaymentProviders } from '../providers/payment-providers';
import { TENANT_PAYMENT_SETTINGS, TenantPaymentSettings } from '../settings/tenant-payment-settings.port';
import { PaymentsError } from '../payments.errors';

export type DeliveryOutcome = 'processed' | 'ignored' | 'duplicate' | 'failed';

export interface DeliveryResult {
  webhookId: string;
  outcome: DeliveryOutcome;
}

/** The body of the 200 a provider gets for a delivery (every webhook path answers the same). */
export function deliveryAcknowledgement(result: DeliveryResult) {
  return { received: true, webhookId: result.webhookId, duplicate: result.outcome === 'duplicate', outcome: result.outcome };
}

/** What we keep of a verified delivery: the provider's event and what it means to us. */
interface StoredDelivery {
  event: unknown;
  fact: ProviderFact | null;
  reference: Partial<PaymentReference> | null;
  providerPaymentId: string | null;
  recovery: VerifiedWebhook['recovery'];
  /** The tenant whose own webhook secret signed the delivery (null: the platform's); it may only touch that tenant's payments. */
  signedBy?: string | null;
}

/** A webhook secret to try, and whose it is. */
interface Candidate {
  secret: Secret;
  /** The tenant owning the secret; null for the platform's. */
  owner: string | null;
}

/** Where a delivery arrived: the shared paths (tenant from the request, platform secret accepted) or a tenant's own path. */
export interface DeliveryScope {
  tenantId: string | null;
  /** A tenant's own path (`/webhook/<provider>/<tenant>`): only that tenant's effective secret is tried. */
  tenantPath?: boolean;
}

interface InboxRow {
  webhook_id: string;
  tenant_id: string;
  payment_id: string | null;
  provider: PaymentProviderName;
  provider_event_id: string;
  event_type: string;
  payload: StoredDelivery;
  status: string;
  attempts: number;
}

const UNRESOLVED_TENANT = '-';
/** A delivery still `received` this long after it was recorded was abandoned by a stopped process. */
const STRANDED_AFTER_MS = 5 * 60_000;

/**
 * The webhook inbox. A delivery is verified on its raw body, then recorded durably (one
 * `payment_webhooks` row per provider event, unique, plus a `payment_logs` row per delivery)
 * before anything else: only then is it acknowledged, so a crash or a database error makes the
 * provider retry. Processing routes the delivery's fact to its payment stream; a failure is
 * kept on the row for the retry job, and repeated deliveries are recognised by the provider's
 * event id and change nothing.
 */
@Injectable()
export class WebhookInbox {
  private readonly logger = new Logger('PaymentWebhooks');

  constructor(
    private readonly em: EntityManager,
    private readonly providers: PaymentProviders,
    private readonly facts: PaymentFacts,
    @Inject(TENANT_PAYMENT_SETTINGS) private readonly settings: TenantPaymentSettings,
    @Inject(PAYMENTS_CONFIG) private readonly config: PaymentsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Checks a signature and parses the delivery without recording anything (support's verify endpoint). */
  async verify(provider: PaymentProviderName, rawBody: Buffer, headers: Record<string, string | string[] | undefined>, tenantId: string | null): Promise<VerifiedWebhook> {
    return (await this.verifySigned(provider, rawBody, headers, { tenantId })).verified;
  }

  async receive(provider: PaymentProviderName, rawBody: Buffer | undefined, headers: Record<string, string | string[] | undefined>, scope: DeliveryScope): Promise<DeliveryResult> {
    if (!rawBody || rawBody.length === 0) throw new PaymentsError('PAYMENTS.RAW_BODY_MISSING', 'The webhook body is empty', { provider });
    let signed: { verified: VerifiedWebhook; signedBy: string | null };
    let target: { tenantId: string; paymentId: string } | null;
    try {
      signed = await this.verifySigned(provider, rawBody, headers, scope);
      target = await this.resolve(provider, signed.verified.reference, signed.verified.providerPaymentId, signed.signedBy);
      // A tenant's own secret vouches for that tenant's payments only, never another's.
      if (signed.signedBy && target && target.tenantId !== signed.signedBy) {
        throw new PaymentsError('PAYMENTS.INVALID_SIGNATURE', "The delivery is signed with one tenant's secret but names another tenant's payment", { provider });
      }
    } catch (error) {
      if (error instanceof PaymentsError && error.code === 'PAYMENTS.INVALID_SIGNATURE') {
        await this.log(UNRESOLVED_TENANT, null, provider, 'webhook.rejected', 400, { reason: error.message, tenantPath: scope.tenantPath ? scope.tenantId : undefined });
        this.logger.warn({ provider, reason: error.message }, 'Webhook signature rejected');
      }
      throw error;
    }
    const { verified, signedBy } = signed;
    const stored: StoredDelivery = { event: verified.payload, fact: verified.fact, reference: verified.reference, providerPaymentId: verified.providerPaymentId, recovery: verified.recovery, signedBy };
    const signature = headerText(headers[WEBHOOK_SIGNATURE_HEADERS[provider]]);
    const row = await this.record(provider, verified, target, stored, signature);
    if (!row.inserted && row.status !== 'failed') return { webhookId: row.webhookId, outcome: 'duplicate' };
    const outcome = await this.process(row.webhookId);
    return { webhookId: row.webhookId, outcome: row.inserted ? outcome : outcome === 'processed' ? 'duplicate' : outcome };
  }

  /** Processes a recorded delivery (again): used on receipt and by the retry job. Never throws for domain failures. */
  async process(webhookId: string): Promise<Exclude<DeliveryOutcome, 'duplicate'>> {
    const [row] = await this.sql<InboxRow>(`select * from payment_webhooks where webhook_id = ?`, [webhookId]);
    if (!row) throw new Error(`No webhook ${webhookId}`);
    if (row.status === 'processed' || row.status === 'ignored') return row.status;
    const { fact, reference, providerPaymentId } = row.payload;
    if (!fact) return this.finish(row, 'ignored', null);
    try {
      const signedBy = row.payload.signedBy ?? null;
      const target = row.payment_id && row.tenant_id !== UNRESOLVED_TENANT ? { tenantId: row.tenant_id, paymentId: row.payment_id } : await this.resolve(row.provider, reference, providerPaymentId, signedBy);
      if (!target || (signedBy && target.tenantId !== signedBy)) throw new PaymentsError('PAYMENTS.UNKNOWN_PAYMENT', `No payment matches ${row.provider} ${providerPaymentId ?? 'object'}`, {});
      const metadata = commandMetadata({ tenantId: target.tenantId, actorId: null, clientIp: null, causationId: webhookId, correlationId: row.provider_event_id });
      await this.facts.record(target.paymentId, fact, await this.recoveryOf(row.payload, row.provider, signedBy), metadata);
      return await this.finish(row, 'processed', null, target);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn({ webhookId, provider: row.provider, eventType: row.event_type, error: message }, 'Webhook processing failed; the retry job will try again');
      return this.finish(row, 'failed', message);
    }
  }

  /**
   * Deliveries due for processing again: those that failed, and those recorded but never
   * processed (the process stopped between recording and processing) after a grace period.
   */
  async due(limit: number): Promise<string[]> {
    const now = this.clock.now();
    const stranded = new Date(now.getTime() - STRANDED_AFTER_MS);
    const rows = await this.sql<{ webhook_id: string }>(
      `select webhook_id from payment_webhooks
        where (status = 'failed' and attempts < ? and (next_attempt_at is null or next_attempt_at <= ?))
           or (status = 'received' and verified_at <= ?)
        order by next_attempt_at nulls first limit ?`,
      [this.config.webhookMaxAttempts, now, stranded, limit],
    );
    return rows.map((row) => row.webhook_id);
  }

  private async record(
    provider: PaymentProviderName,
    verified: VerifiedWebhook,
    target: { tenantId: string; paymentId: string } | null,
    stored: StoredDelivery,
    signature: string,
  ): Promise<{ webhookId: string; inserted: boolean; status: string }> {
    const now = this.clock.now();
    const tenantId = target?.tenantId ?? UNRESOLVED_TENANT;
    return this.em.fork().transactional(async (em) => {
      const connection = em;
      const inserted = await connection.execute<{ webhook_id: string }[]>(
        `insert into payment_webhooks (webhook_id, tenant_id, payment_id, provider, provider_event_id, event_type, signature, verified_at, payload, status, attempts)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'received', 0)
         on conflict (provider, provider_event_id) do nothing returning webhook_id`,
        [uuidv7(), tenantId, target?.paymentId ?? null, provider, verified.eventId, verified.eventType, signature.slice(0, 1000), now, JSON.stringify(stored)],
      );
      const [existing] = inserted.length
        ? [{ webhook_id: inserted[0].webhook_id, status: 'received' }]
        : await connection.execute<{ webhook_id: string; status: string }[]>(`select webhook_id, status from payment_webhooks where provider = ? and provider_event_id = ?`, [provider, verified.eventId]);
      const duplicate = inserted.length === 0;
      await connection.execute(
        `insert into payment_logs (log_id, tenant_id, payment_id, provider, event, status_code, response, created_at) values (?, ?, ?, ?, ?, 200, ?, ?)`,
        [uuidv7(), tenantId, target?.paymentId ?? null, provider, duplicate ? 'webhook.duplicate' : 'webhook.received', JSON.stringify({ eventId: verified.eventId, eventType: verified.eventType, webhookId: existing.webhook_id }), now],
      );
      return { webhookId: existing.webhook_id, inserted: !duplicate, status: existing.status };
    });
  }

  private async finish(row: InboxRow, status: 'processed' | 'ignored' | 'failed', error: string | null, target?: { tenantId: string; paymentId: string }): Promise<'processed' | 'ignored' | 'failed'> {
    const now = this.clock.now();
    const attempts = row.attempts + 1;
    const next = status === 'failed' ? new Date(now.getTime() + this.config.webhookRetryIntervalMs) : null;
    await this.sql(
      `update payment_webhooks set status = ?, attempts = ?, last_error = ?, next_attempt_at = ?, processed_at = ?, tenant_id = coalesce(?, tenant_id), payment_id = coalesce(?, payment_id) where webhook_id = ?`,
      [status, attempts, error?.slice(0, 2000) ?? null, next, status === 'failed' ? null : now, target?.tenantId ?? null, target?.paymentId ?? null, row.webhook_id],
    );
    await this.log(target?.tenantId ?? row.tenant_id, target?.paymentId ?? row.payment_id, row.provider, `webhook.${status}`, status === 'failed' ? 500 : 200, {
      eventId: row.provider_event_id,
      eventType: row.event_type,
      attempt: attempts,
      ...(error ? { error: error.slice(0, 500) } : {}),
    });
    return status;
  }

  /** Our payment for a provider object: from our metadata, else by the provider's payment id (within the signing tenant, when a tenant signed). */
  private async resolve(provider: PaymentProviderName, reference: Partial<PaymentReference> | null, providerPaymentId: string | null, signedBy: string | null): Promise<{ tenantId: string; paymentId: string } | null> {
    if (reference?.tenantId && reference.paymentId) return { tenantId: reference.tenantId, paymentId: reference.paymentId };
    if (!providerPaymentId) return null;
    const [row] = await this.sql<{ tenant_id: string; payment_id: string }>(
      `select tenant_id, payment_id from payments where provider = ? and (provider_payment_id = ? or (? and payment_id::text = ?)) and (?::text is null or tenant_id = ?) limit 1`,
      [provider, providerPaymentId, isUuid(providerPaymentId), providerPaymentId, signedBy, signedBy],
    );
    return row ? { tenantId: row.tenant_id, paymentId: row.payment_id } : null;
  }

  /** Tries each candidate secret in turn and says whose matched. */
  private async verifySigned(provider: PaymentProviderName, rawBody: Buffer, headers: Record<string, string | string[] | undefined>, scope: DeliveryScope): Promise<{ verified: VerifiedWebhook; signedBy: string | null }> {
    const candidates = await this.candidatesFor(provider, scope);
    let failure: unknown;
    for (const candidate of candidates) {
      try {
        return { verified: this.providers.get(provider).verifyWebhook(rawBody, headers, [candidate.secret], this.clock.now()), signedBy: candidate.owner };
      } catch (error) {
        if (!(error instanceof PaymentsError && error.code === 'PAYMENTS.INVALID_SIGNATURE')) throw error;
        failure = error;
      }
    }
    throw failure;
  }

  /**
   * On a tenant's own path, the tenant's effective secret only (its own, else the platform's).
   * On the shared paths, the requesting tenant's own secret when it has one, then the platform's.
   */
  private async candidatesFor(provider: PaymentProviderName, scope: DeliveryScope): Promise<Candidate[]> {
    const candidates: Candidate[] = [];
    const credentials = scope.tenantId ? (await this.settings.forTenant(scope.tenantId)).credentials[provider] : undefined;
    if (credentials?.webhookSecret && credentials.account.owner === 'tenant') candidates.push({ secret: credentials.webhookSecret, owner: scope.tenantId });
    const platform = this.platformSecret(provider);
    const platformAllowed = !scope.tenantPath || !credentials || credentials.account.owner === 'platform';
    if (platform && platformAllowed && !candidates.some((candidate) => candidate.secret.reveal() === platform.reveal())) candidates.push({ secret: platform, owner: null });
    if (candidates.length === 0) throw new PaymentsError('PAYMENTS.WEBHOOK_NOT_CONFIGURED', `No ${provider} webhook secret is configured`, { provider });
    return candidates;
  }

  /** The platform's secret for a provider; the sandbox's while it is configured (it belongs to no tenant). */
  private platformSecret(provider: PaymentProviderName): Secret | undefined {
    switch (provider) {
      case 'stripe':
        return this.config.stripe.webhookSecret;
      case 'paystack':
        return this.config.paystack.secretKey;
      case 'sandbox':
        return this.config.sandbox.mode === 'off' ? undefined : this.config.sandbox.webhookSecret;
      default: {
        const unknown: never = provider;
        throw new Error(`Unknown provider ${String(unknown)}`);
      }
    }
  }

  /**
   * What rebuilds a payment we never recorded. Its account is the one whose secret signed the
   * delivery: the platform's, or the signing tenant's own (its current key, the best knowledge there is).
   */
  private async recoveryOf(stored: StoredDelivery, provider: PaymentProviderName, signedBy: string | null): Promise<PaymentRecovery | null> {
    const { recovery, reference } = stored;
    if (!recovery || !reference?.voterId || !reference.votes) return null;
    // Only a tenant's own key signs for a tenant, and the sandbox has none.
    const account = signedBy && provider !== 'sandbox' ? (await this.settings.forTenant(signedBy)).ownKeys[provider]?.account : undefined;
    return { ...recovery, voterId: reference.voterId, votes: reference.votes, contestId: reference.contestId ?? null, ...(account ? { account } : {}) };
  }

  private async log(tenantId: string, paymentId: string | null, provider: string, event: string, statusCode: number, response: unknown): Promise<void> {
    await this.sql(`insert into payment_logs (log_id, tenant_id, payment_id, provider, event, status_code, response, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)`, [
      uuidv7(),
      tenantId,
      paymentId,
      provider,
      event,
      statusCode,
      JSON.stringify(response),
      this.clock.now(),
    ]);
  }

  private sql<T>(query: string, params: unknown[]): Promise<T[]> {
    return this.em.fork().getConnection().execute<T[]>(query, params);
  }
}


function headerText(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(',') : (value ?? '');
}
