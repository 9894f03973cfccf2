import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock, CLOCK } from '@tally/platform';
import { Money } from '../../domain/money';
import { PAYMENTS_CONFIG, PaymentsConfig } from '../../payments.config';
import { PaymentsError } from '../../payments.errors';
import { SandboxEvent } from './sandbox-events';
import {
  advanceClock,
  cancelAtPeriodEnd,
  changePrice,
  chargeOpenInvoice,
  NewSandboxSubscription,
  newSandboxSubscription,
  SandboxBillingOutcome,
  SandboxChargeOutcome,
  SandboxSubscription,
} from './sandbox-subscription';
import { SandboxDelivery, sandboxEventId, SandboxWebhooks } from './sandbox-webhooks';

/** How often an optimistic update is tried again when another one moved the subscription first. */
const UPDATE_ATTEMPTS = 20;
/** Most subscriptions the clock moves per run; the rest wait for the next one. */
const CLOCK_BATCH = 200;

/** The ids of a new sandbox subscription, as Stripe answers them. */
export interface SandboxSubscriptionIds {
  customerId: string;
  subscriptionId: string;
  itemId: string;
}

/** What an operation did, with the route's answer to each delivery. */
export interface SandboxBillingResult {
  subscription: SandboxSubscription;
  /** The events Stripe would have sent, in order. */
  events: SandboxEvent[];
  /** How the registered endpoint answered each (none without an endpoint). */
  deliveries: SandboxDelivery[];
}

/**
 * Stripe Billing played by the payment sandbox (embedded mode): customers, monthly
 * subscriptions, invoices with Stripe's proration, cancel at period end, and its clock (renewals
 * charged to the card on file, ends at the period's end). The rules are pure
 * (sandbox-subscription.ts); this keeps their books in `sandbox_billing_subscriptions` (updated
 * optimistically by version, so parallel calls never lose one another's change) and delivers
 * every event they produce, signed as Stripe signs, to the billing webhook endpoint a context
 * registered (`useWebhookEndpoint`, as one registers an endpoint in Stripe's dashboard), through
 * the payment sandbox's one sender (SandboxWebhooks). The sandbox does not know who consumes
 * them: subscriptions depends on payments, never the other way round.
 */
@Injectable()
export class SandboxBilling {
  private readonly logger = new Logger('BillingSandbox');
  private endpoint: string | null = null;

  constructor(
    private readonly em: EntityManager,
    private readonly webhooks: SandboxWebhooks,
    @Inject(PAYMENTS_CONFIG) private readonly config: PaymentsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Whether the sandbox runs here (never in production). */
  get enabled(): boolean {
    return this.config.sandbox.mode !== 'off';
  }

  /** Where the billing events go (a route of this process). Without one they are made and dropped, as Stripe's are with no endpoint. */
  useWebhookEndpoint(path: string): void {
    this.endpoint = path;
  }

  /** A customer and an incomplete subscription with its first invoice open; the same idempotency key answers the same ids. */
  async createSubscription(request: NewSandboxSubscription): Promise<SandboxSubscriptionIds> {
    this.assertEnabled();
    const created = newSandboxSubscription(request, this.clock.now());
    const now = this.clock.now();
    await this.sql(
      `insert into sandbox_billing_subscriptions (subscription_id, tenant_id, status, current_period_end, data, version, created_at, updated_at)
       values (?, ?, ?, ?, ?, 1, ?, ?) on conflict (subscription_id) do nothing`,
      [created.id, created.tenantId, created.status, new Date(created.currentPeriodEndMs), JSON.stringify(created), now, now],
    );
    const stored = await this.get(request.tenantId, created.id);
    return { customerId: stored.customerId, subscriptionId: stored.id, itemId: stored.itemId };
  }

  /** The subscription as the sandbox holds it; another tenant's is not found. */
  async get(tenantId: string, subscriptionId: string): Promise<SandboxSubscription> {
    const found = await this.load(subscriptionId);
    if (!found || found.subscription.tenantId !== tenantId) throw notFound(subscriptionId);
    return found.subscription;
  }

  /** The customer pays the open invoice with a card (the first invoice at subscribing; a failed renewal when settled). */
  payOpenInvoice(tenantId: string, subscriptionId: string, outcome: SandboxChargeOutcome = 'succeeded'): Promise<SandboxBillingResult> {
    return this.apply(tenantId, subscriptionId, (subscription, now) => chargeOpenInvoice(subscription, outcome, now, sandboxEventId));
  }

  /** A new price from now, the prorated difference invoiced and paid at once (`proration_behavior: always_invoice`). */
  changePrice(tenantId: string, subscriptionId: string, to: Money, idempotencyKey: string): Promise<SandboxBillingResult> {
    return this.apply(tenantId, subscriptionId, (subscription, now) => changePrice(subscription, to, idempotencyKey, now, sandboxEventId));
  }

  cancelAtPeriodEnd(tenantId: string, subscriptionId: string): Promise<SandboxBillingResult> {
    return this.apply(tenantId, subscriptionId, (subscription, now) => cancelAtPeriodEnd(subscription, now, sandboxEventId));
  }

  /**
   * Applies a decision to the stored subscription (tried again on a newer version), then delivers
   * its events in order. A delivery the route refuses is a 502: the books moved, and Tally did
   * not record it (as a Stripe event that failed; the route's inbox keeps it as failed).
   */
  async apply(tenantId: string, subscriptionId: string, decide: (subscription: SandboxSubscription, now: Date) => SandboxBillingOutcome): Promise<SandboxBillingResult> {
    this.assertEnabled();
    for (let attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
      const found = await this.load(subscriptionId);
      if (!found || found.subscription.tenantId !== tenantId) throw notFound(subscriptionId);
      const now = this.clock.now();
      const outcome = decide(found.subscription, now);
      if (outcome.subscription === found.subscription) return { subscription: found.subscription, events: outcome.events, deliveries: await this.deliverAll(outcome.events) };
      const next = outcome.subscription;
      const updated = await this.sql<{ version: number }>(
        `update sandbox_billing_subscriptions set data = ?, status = ?, current_period_end = ?, version = version + 1, updated_at = ?
          where subscription_id = ? and version = ? returning version`,
        [JSON.stringify(next), next.status, new Date(next.currentPeriodEndMs), now, subscriptionId, found.version],
      );
      if (updated.length > 0) return { subscription: next, events: outcome.events, deliveries: await this.deliverAll(outcome.events) };
    }
    throw new Error(`Sandbox subscription ${subscriptionId} kept changing under ${UPDATE_ATTEMPTS} attempts`);
  }

  /** The sandbox clock: every subscription whose period ended is renewed (the card on file pays) or, set to cancel, ended. */
  async advanceClock(): Promise<{ renewed: number; ended: number }> {
    // Only where the events can be delivered: a worker-only process would move the books and tell nobody.
    if (!this.enabled || (this.endpoint !== null && !this.webhooks.canDeliver)) return { renewed: 0, ended: 0 };
    const due = await this.sql<{ tenant_id: string; subscription_id: string }>(
      `select tenant_id, subscription_id from sandbox_billing_subscriptions
        where current_period_end <= ? and (status = 'active' or (status = 'past_due' and data->>'cancelAtPeriodEnd' = 'true'))
        order by current_period_end limit ?`,
      [this.clock.now(), CLOCK_BATCH],
    );
    const counts = { renewed: 0, ended: 0 };
    for (const row of due) {
      try {
        const { subscription } = await this.apply(row.tenant_id, row.subscription_id, (current, now) => advanceClock(current, now, sandboxEventId));
        if (subscription.status === 'canceled') counts.ended++;
        else counts.renewed++;
      } catch (error) {
        this.logger.warn({ sandbox: true, subscriptionId: row.subscription_id, error: error instanceof Error ? error.message : String(error) }, 'The billing sandbox could not move a subscription past its period');
      }
    }
    return counts;
  }

  private async deliverAll(events: readonly SandboxEvent[]): Promise<SandboxDelivery[]> {
    const deliveries: SandboxDelivery[] = [];
    if (!this.endpoint) return deliveries;
    for (const event of events) {
      const delivery = await this.webhooks.deliver(event, this.endpoint);
      deliveries.push(delivery);
      if (delivery.statusCode !== 200) {
        const detail = (delivery.body as { detail?: string } | null)?.detail ?? 'no detail';
        throw new PaymentsError('PAYMENTS.SANDBOX_DELIVERY_REFUSED', `The billing webhook route answered ${delivery.statusCode} to ${event.type}: ${detail}`, { eventId: event.id, eventType: event.type });
      }
    }
    return deliveries;
  }

  private async load(subscriptionId: string): Promise<{ subscription: SandboxSubscription; version: number } | null> {
    const [row] = await this.sql<{ data: SandboxSubscription | string; version: number }>(`select data, version from sandbox_billing_subscriptions where subscription_id = ?`, [subscriptionId]);
    if (!row) return null;
    return { subscription: typeof row.data === 'string' ? (JSON.parse(row.data) as SandboxSubscription) : row.data, version: Number(row.version) };
  }

  private assertEnabled(): void {
    if (this.config.sandbox.mode === 'off') throw new PaymentsError('PAYMENTS.SANDBOX_OFF', `The payment sandbox is off (${this.config.sandbox.reason})`);
  }

  private sql<T>(query: string, params: unknown[]): Promise<T[]> {
    return this.em.fork().getConnection().execute<T[]>(query, params);
  }
}

function notFound(subscriptionId: string): PaymentsError {
  return new PaymentsError('PAYMENTS.SANDBOX_SUBSCRIPTION_NOT_FOUND', `No sandbox subscription ${subscriptionId.slice(0, 100)} in this tenant`, { subscriptionId: subscriptionId.slice(0, 100) });
}
