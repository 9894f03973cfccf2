import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { CommandRunner, commandMetadata } from '@tally/eventstore';
import { constructSignedStripeEvent, PAYMENTS_CONFIG, PaymentsConfig, Secret, StripeSignatureRefused, TENANT_PAYMENT_SETTINGS, TenantPaymentSettings, WEBHOOK_SIGNATURE_HEADERS } from '@tally/payments';
import { Clock, CLOCK, uuidv7 } from '@tally/platform';
import { RecordBillingFactCommand } from '../commands/record-billing-fact/record-billing-fact.command';
import { BillingProviderName } from '../domain/subscription.events';
import { subscriptionDecider } from '../domain/subscription.state';
import { subscriptionStream } from '../domain/subscriptions.streams';
import { SubscriptionsError } from '../subscriptions.errors';
import { BillingWebhook } from './billing-fact';
import { billingWebhookOf } from './stripe-billing-events';

export type BillingDeliveryOutcome = 'processed' | 'ignored' | 'duplicate';

export interface BillingDeliveryResult {
  webhookId: string;
  outcome: BillingDeliveryOutcome;
}

/** Where a delivery came in: a tenant's own path (`/webhook/stripe/{tenant}`) or the shared one. */
export interface BillingDeliveryScope {
  tenantId: string | null;
}

/** The secret that verified a delivery, and whose it is: a tenant's own, or the platform's (null). */
interface Signer {
  secret: Secret;
  tenantId: string | null;
}

const SIGNATURE_HEADERS: Record<BillingProviderName, string> = { stripe: WEBHOOK_SIGNATURE_HEADERS.stripe, sandbox: WEBHOOK_SIGNATURE_HEADERS.sandbox };

/**
 * The inbox of billing webhooks, with payments' discipline: the signature is checked on the raw
 * body (Stripe's scheme, by the SDK, both sides of the tolerance), the delivery is recorded
 * under its provider event id (unique) before anything is applied, and a delivery already
 * processed is answered as a duplicate and changes nothing. A processing failure stays on the
 * row and answers 5xx, so the provider delivers it again and that delivery processes it.
 */
@Injectable()
export class BillingWebhookInbox {
  private readonly logger = new Logger('BillingWebhooks');

  constructor(
    private readonly em: EntityManager,
    private readonly commands: CommandBus,
    private readonly runner: CommandRunner,
    @Inject(PAYMENTS_CONFIG) private readonly payments: PaymentsConfig,
    @Inject(TENANT_PAYMENT_SETTINGS) private readonly settings: TenantPaymentSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async receive(
    provider: BillingProviderName,
    rawBody: Buffer | undefined,
    headers: Record<string, string | string[] | undefined>,
    scope: BillingDeliveryScope = { tenantId: null },
  ): Promise<BillingDeliveryResult> {
    if (!rawBody || rawBody.length === 0) throw new SubscriptionsError('SUBSCRIPTIONS.RAW_BODY_MISSING', 'The webhook body is empty', { errors: [{ field: 'body', message: 'is empty' }] });
    const signer = await this.signerFor(provider, scope);
    const webhook = this.verify(provider, rawBody, headers, signer.secret);
    const row = await this.record(provider, webhook, headers);
    if (!row.inserted && (row.status === 'processed' || row.status === 'ignored')) return { webhookId: row.webhookId, outcome: 'duplicate' };
    return { webhookId: row.webhookId, outcome: await this.process(provider, row.webhookId, webhook, signer) };
  }

  private verify(provider: BillingProviderName, rawBody: Buffer, headers: Record<string, string | string[] | undefined>, secret: Secret): BillingWebhook {
    const header = headers[SIGNATURE_HEADERS[provider]];
    if (typeof header !== 'string' || header === '') throw invalidSignature(provider, `The ${SIGNATURE_HEADERS[provider]} header is missing`);
    try {
      const event = constructSignedStripeEvent(rawBody, header, [secret], this.payments.stripe.webhookToleranceSeconds, this.clock.now());
      return billingWebhookOf(event);
    } catch (error) {
      if (error instanceof StripeSignatureRefused) {
        this.logger.warn({ provider, reason: error.message }, 'Billing webhook signature rejected');
        throw invalidSignature(provider, error.message);
      }
      throw error;
    }
  }

  /**
   * The secret a delivery must be signed with, as payments verifies one-off payments' webhooks:
   * on a tenant's own path, the tenant's own Stripe webhook secret when it has its own keys (else
   * the platform's, which bills it); on the shared path, the platform's; the sandbox's for the sandbox.
   */
  private async signerFor(provider: BillingProviderName, scope: BillingDeliveryScope): Promise<Signer> {
    if (provider === 'stripe' && scope.tenantId !== null) {
      const own = (await this.settings.forTenant(scope.tenantId)).ownKeys.stripe;
      if (own?.webhookSecret) return { secret: own.webhookSecret, tenantId: scope.tenantId };
    }
    const secret = provider === 'stripe' ? this.payments.stripe.webhookSecret : this.payments.sandbox.mode === 'off' ? undefined : this.payments.sandbox.webhookSecret;
    if (!secret) throw new SubscriptionsError('SUBSCRIPTIONS.BILLING_NOT_CONFIGURED', `No ${provider} webhook secret is configured`);
    return { secret, tenantId: null };
  }

  /**
   * A delivery may only touch a subscription billed on the account whose secret signed it: a
   * tenant's own secret for its own account's subscriptions, the platform's for the platform's.
   * Anything else is recorded and ignored (with the reason), never applied.
   */
  private async signerMismatch(provider: BillingProviderName, signer: Signer, target: { tenantId: string; subscriptionId: string }): Promise<string | null> {
    if (provider === 'sandbox') return null;
    if (signer.tenantId !== null && signer.tenantId !== target.tenantId) return `Signed with tenant ${signer.tenantId}'s secret but names a subscription of tenant ${target.tenantId}`;
    const { state } = await this.runner.load(subscriptionDecider, subscriptionStream(target.tenantId, target.subscriptionId));
    if (!state.exists) return null;
    const ownAccount = state.billingAccount.owner === 'tenant';
    if (ownAccount && signer.tenantId === null) return "The subscription is billed on the tenant's own Stripe account: its webhooks are verified with the tenant's secret at /api/subscriptions/webhook/stripe/{tenant}";
    if (!ownAccount && signer.tenantId !== null) return "The subscription is billed on the platform's Stripe account, not the tenant's own";
    return null;
  }

  private async record(provider: BillingProviderName, webhook: BillingWebhook, headers: Record<string, string | string[] | undefined>): Promise<{ webhookId: string; inserted: boolean; status: string }> {
    const signature = String(headers[SIGNATURE_HEADERS[provider]] ?? '').slice(0, 1000);
    const inserted = await this.sql<{ webhook_id: string }>(
      `insert into subscription_webhooks (webhook_id, provider, provider_event_id, event_type, tenant_id, subscription_id, signature, payload, status, attempts, received_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, 'received', 0, ?) on conflict (provider, provider_event_id) do nothing returning webhook_id`,
      [uuidv7(), provider, webhook.eventId, webhook.eventType, webhook.reference?.tenantId ?? null, webhook.reference?.subscriptionId ?? null, signature, JSON.stringify(webhook), this.clock.now()],
    );
    if (inserted.length > 0) return { webhookId: inserted[0].webhook_id, inserted: true, status: 'received' };
    const [existing] = await this.sql<{ webhook_id: string; status: string }>(`select webhook_id, status from subscription_webhooks where provider = ? and provider_event_id = ?`, [provider, webhook.eventId]);
    return { webhookId: existing.webhook_id, inserted: false, status: existing.status };
  }

  private async process(provider: BillingProviderName, webhookId: string, webhook: BillingWebhook, signer: Signer): Promise<'processed' | 'ignored'> {
    const target = webhook.fact ? await this.resolve(webhook) : null;
    const mismatch = target ? await this.signerMismatch(provider, signer, target) : null;
    if (!webhook.fact || !target || mismatch) {
      if (mismatch) this.logger.warn({ eventId: webhook.eventId, reason: mismatch }, 'Billing webhook ignored: signed by another account');
      await this.finish(webhookId, 'ignored', mismatch, target);
      return 'ignored';
    }
    try {
      const metadata = commandMetadata({ tenantId: target.tenantId, actorId: null, clientIp: null, correlationId: webhook.eventId, causationId: webhookId });
      await this.commands.execute(new RecordBillingFactCommand(target.subscriptionId, webhook.fact, metadata));
    } catch (error) {
      await this.finish(webhookId, 'failed', error instanceof Error ? error.message : String(error), target);
      throw error;
    }
    await this.finish(webhookId, 'processed', null, target);
    return 'processed';
  }

  /** Our subscription: from the metadata we put on the provider objects, else by the provider's subscription id. */
  private async resolve(webhook: BillingWebhook): Promise<{ tenantId: string; subscriptionId: string } | null> {
    if (webhook.reference) return webhook.reference;
    if (!webhook.providerSubscriptionId) return null;
    const [row] = await this.sql<{ tenant_id: string; subscription_id: string }>(`select tenant_id, subscription_id from subscriptions where provider_subscription_id = ? limit 1`, [webhook.providerSubscriptionId]);
    return row ? { tenantId: row.tenant_id, subscriptionId: row.subscription_id } : null;
  }

  private async finish(webhookId: string, status: 'processed' | 'ignored' | 'failed', error: string | null, target: { tenantId: string; subscriptionId: string } | null): Promise<void> {
    await this.sql(
      `update subscription_webhooks set status = ?, attempts = attempts + 1, last_error = ?, processed_at = ?, tenant_id = coalesce(?, tenant_id), subscription_id = coalesce(?, subscription_id) where webhook_id = ?`,
      [status, error?.slice(0, 2000) ?? null, status === 'failed' ? null : this.clock.now(), target?.tenantId ?? null, target?.subscriptionId ?? null, webhookId],
    );
  }

  private sql<T>(query: string, params: unknown[]): Promise<T[]> {
    return this.em.fork().getConnection().execute<T[]>(query, params);
  }
}

function invalidSignature(provider: BillingProviderName, reason: string): SubscriptionsError {
  return new SubscriptionsError('SUBSCRIPTIONS.INVALID_SIGNATURE', `Webhook signature rejected: ${reason}`, { provider });
}
