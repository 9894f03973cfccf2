import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { CommandRunner } from '@tally/eventstore';
import { Clock, CLOCK, uuidv7 } from '@tally/platform';
import type { FastifyInstance } from 'fastify';
import { paymentDecider, paymentStream } from '../../domain/payment.state';
import { PAYMENTS_CONFIG, PaymentsConfig, Secret } from '../../payments.config';
import { WEBHOOK_SIGNATURE_HEADERS } from '../payment-provider.port';
import { SandboxEvent, sandboxIntentOf, sandboxRefundEvent } from './sandbox-events';
import { signSandboxDelivery } from './sandbox-signature';

/** Where the sandbox delivers: the webhook route beside Stripe's and Paystack's, served by the same inbox. */
export const SANDBOX_WEBHOOK_PATH = '/api/payments/webhook/sandbox';

/** How the webhook route answered a sandbox delivery. */
export interface SandboxDelivery {
  eventId: string;
  eventType: string;
  statusCode: number;
  body: unknown;
}

/** How long a refund's confirmation waits for Tally to record the refund request, and how often it looks. */
const REFUND_RECORD_WAIT_MS = 30_000;
const REFUND_RECORD_POLL_MS = 50;

/** A fresh Stripe-style event id. */
export const sandboxEventId = (): string => `evt_sandbox_${uuidv7().replace(/-/g, '')}`;

/**
 * The sandbox's webhook sender. Each delivery is signed with the sandbox secret and sent as an
 * HTTP request through this process's own server (Fastify's inject: the whole route, raw body,
 * guards, signature check, inbox and dedupe, without a socket), so a sandbox payment is credited
 * by exactly the path a real provider's webhook takes, and a delivery the route refuses fails
 * loudly instead of being applied some other way.
 */
@Injectable()
export class SandboxWebhooks implements OnApplicationBootstrap {
  private readonly logger = new Logger('PaymentSandbox');

  constructor(
    private readonly host: HttpAdapterHost,
    private readonly runner: CommandRunner,
    @Inject(PAYMENTS_CONFIG) private readonly config: PaymentsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Says so loudly at start in every process that serves HTTP with the sandbox configured. */
  onApplicationBootstrap(): void {
    const sandbox = this.config.sandbox;
    if (sandbox.mode === 'off' || !this.host.httpAdapter) return;
    const when =
      sandbox.mode === 'on'
        ? 'PAYMENTS_SANDBOX=true: every tenant with no payment provider of its own'
        : 'no STRIPE_SECRET_KEY or PAYSTACK_SECRET_KEY is set: tenants with no payment provider, while no tenant stores keys of its own,';
    this.logger.warn({ sandbox: true, mode: sandbox.mode }, `PAYMENT SANDBOX ACTIVE — ${when} pay through the local sandbox: no money moves and its votes are free. Never use it in production.`);
  }

  /** Whether this process serves HTTP, so its own routes can take a delivery (a worker-only process cannot). */
  get canDeliver(): boolean {
    return Boolean(this.host.httpAdapter);
  }

  /** Signs and sends one event to a webhook route of this process: payments' own, or another endpoint the sandbox was told of (billing's). */
  async deliver(event: SandboxEvent, path: string = SANDBOX_WEBHOOK_PATH): Promise<SandboxDelivery> {
    const payload = JSON.stringify(event);
    const response = await this.server().inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/json', 'user-agent': 'Tally-Sandbox/1', [WEBHOOK_SIGNATURE_HEADERS.sandbox]: signSandboxDelivery(payload, this.secret(), this.clock.now()) },
      payload,
    });
    const body: unknown = response.body ? JSON.parse(response.body) : null;
    if (response.statusCode !== 200) this.logger.warn({ sandbox: true, eventId: event.id, eventType: event.type, status: response.statusCode }, 'The webhook route refused a sandbox delivery');
    return { eventId: event.id, eventType: event.type, statusCode: response.statusCode, body };
  }

  /**
   * Stripe confirms a refund after answering the refund call; so does the sandbox, with the
   * charge's new running total, once Tally has recorded the request (a confirmation overtaking
   * it would be read as a refund made elsewhere). Failures are logged: the refund then stays
   * pending, as a real one whose webhook never came would.
   */
  confirmRefundLater(tenantId: string, paymentId: string, providerRefundId: string): void {
    void this.confirmRefund(tenantId, paymentId, providerRefundId).catch((error: unknown) => {
      this.logger.warn({ sandbox: true, paymentId, providerRefundId, error: error instanceof Error ? error.message : String(error) }, 'The sandbox could not confirm a refund');
    });
  }

  private async confirmRefund(tenantId: string, paymentId: string, providerRefundId: string): Promise<void> {
    const deadline = performance.now() + REFUND_RECORD_WAIT_MS;
    for (;;) {
      const { state } = await this.runner.load(paymentDecider, paymentStream(tenantId, paymentId));
      if (state.providerRefundIds.includes(providerRefundId)) return;
      const pending = state.pendingRefunds.find((refund) => refund.providerRefundId === providerRefundId);
      if (pending) {
        const event = sandboxRefundEvent(sandboxIntentOf(tenantId, state), state.refunded + pending.amount, [...state.providerRefundIds, providerRefundId], sandboxEventId(), this.clock.now());
        const delivery = await this.deliver(event);
        if (delivery.statusCode !== 200) throw new Error(`the webhook route answered ${delivery.statusCode}`);
        return;
      }
      if (performance.now() > deadline) throw new Error(`refund ${providerRefundId} was never recorded`);
      await new Promise((resolve) => setTimeout(resolve, REFUND_RECORD_POLL_MS));
    }
  }

  private server(): FastifyInstance {
    const adapter = this.host.httpAdapter;
    if (!adapter) throw new Error('The payment sandbox delivers its webhooks through this process\'s HTTP server, and this process serves no HTTP');
    return adapter.getInstance<FastifyInstance>();
  }

  private secret(): Secret {
    const sandbox = this.config.sandbox;
    if (sandbox.mode === 'off') throw new Error(`The payment sandbox is off (${sandbox.reason})`);
    return sandbox.webhookSecret;
  }
}
