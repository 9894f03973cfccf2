import { Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Secret, signSandboxDelivery } from '@tally/payments';
import { Clock, uuidv7 } from '@tally/platform';
import type { FastifyInstance } from 'fastify';
import { SubscribedPlan } from '../domain/subscription.events';
import { SubscriptionState } from '../domain/subscription.state';
import { BillingProvider, BillingStarted, StartBillingRequest, subscriptionMetadata } from './billing-provider.port';

/** Where the sandbox delivers its billing events: beside Stripe's billing webhook, through the same inbox. */
export const SANDBOX_BILLING_WEBHOOK_PATH = '/api/subscriptions/webhook/sandbox';
export const SANDBOX_SIGNATURE_HEADER = 'tally-sandbox-signature';

/** The API version whose shapes the sandbox's events follow. */
const API_VERSION = '2026-10-28';

/**
 * Stripe Billing played locally for the embedded mode (payments' sandbox does the same for
 * one-off payments): the ids are derived from ours, and each thing Stripe would do is sent as
 * a Stripe-shaped event, signed with the sandbox secret, through this process's own webhook
 * route (Fastify inject), so the sandbox takes exactly the path a real webhook takes. Its card
 * always pays: the first invoice at once, a plan change's prorated difference at once, and a
 * renewal when `renew` is called (the renewal job, at the end of each paid period).
 */
export class SandboxBillingProvider implements BillingProvider {
  readonly name = 'sandbox' as const;
  private readonly logger = new Logger('SubscriptionSandbox');

  constructor(
    private readonly host: HttpAdapterHost,
    private readonly secret: Secret,
    private readonly clock: Clock,
  ) {}

  async start({ subscriptionId }: StartBillingRequest): Promise<BillingStarted> {
    const id = subscriptionId.replace(/-/g, '');
    return { customerId: `cus_sandbox_${id}`, providerSubscriptionId: `sub_sandbox_${id}`, itemId: `si_sandbox_${id}` };
  }

  async afterStart(tenantId: string, subscription: SubscriptionState): Promise<void> {
    const start = this.clock.now();
    await this.payInvoice(tenantId, subscription, `in_sandbox_${subscription.subscriptionId.replace(/-/g, '')}_1`, subscription.plan.monthlyCost.amount, start, addMonth(start));
  }

  /** Upgrades pay the unused part of the period at the new price minus the old (Stripe's proration); downgrades leave a credit Stripe keeps, so nothing is charged. */
  async changePlan(tenantId: string, subscription: SubscriptionState, to: SubscribedPlan, changeId: string): Promise<void> {
    const now = this.clock.now().getTime();
    const end = subscription.paidThroughMs;
    if (end === null || end <= now) return;
    const start = Date.parse(subscription.startedAt);
    const left = (end - now) / Math.max(end - start, 1);
    const difference = Math.round((to.monthlyCost.amount - subscription.plan.monthlyCost.amount) * Math.min(left, 1));
    if (difference <= 0) return;
    await this.payInvoice(tenantId, subscription, `in_sandbox_${changeId.replace(/-/g, '')}`, difference, new Date(now), new Date(end));
  }

  async cancelAtPeriodEnd(): Promise<void> {
    // Recorded on the subscription stream; the sandbox ends the subscription when its period does (no renewal is paid).
  }

  /** A renewal: the next period's invoice, paid. */
  async renew(tenantId: string, subscription: SubscriptionState): Promise<number> {
    const from = new Date(subscription.paidThroughMs ?? this.clock.now().getTime());
    const invoiceId = `in_sandbox_${subscription.subscriptionId.replace(/-/g, '')}_${from.getTime()}`;
    return this.payInvoice(tenantId, subscription, invoiceId, subscription.plan.monthlyCost.amount, from, addMonth(from));
  }

  private async payInvoice(tenantId: string, subscription: SubscriptionState, invoiceId: string, amount: number, periodStart: Date, periodEnd: Date): Promise<number> {
    const invoice = {
      id: invoiceId,
      object: 'invoice',
      amount_paid: amount,
      currency: subscription.plan.monthlyCost.currency.toLowerCase(),
      status: 'paid',
      parent: { type: 'subscription_details', subscription_details: { subscription: subscription.providerSubscriptionId, metadata: subscriptionMetadata(tenantId, subscription.subscriptionId, subscription.userId) } },
      lines: { object: 'list', data: [{ period: { start: Math.floor(periodStart.getTime() / 1000), end: Math.floor(periodEnd.getTime() / 1000) } }] },
    };
    const event = { id: `evt_sandbox_${uuidv7().replace(/-/g, '')}`, object: 'event', type: 'invoice.paid', api_version: API_VERSION, created: Math.floor(this.clock.now().getTime() / 1000), livemode: false, data: { object: invoice } };
    const payload = JSON.stringify(event);
    const response = await this.host.httpAdapter.getInstance<FastifyInstance>().inject({
      method: 'POST',
      url: SANDBOX_BILLING_WEBHOOK_PATH,
      headers: { 'content-type': 'application/json', 'user-agent': 'Tally-Sandbox/1', [SANDBOX_SIGNATURE_HEADER]: signSandboxDelivery(payload, this.secret, this.clock.now()) },
      payload,
    });
    if (response.statusCode !== 200) {
      this.logger.warn({ sandbox: true, invoiceId, status: response.statusCode }, 'The billing webhook route refused a sandbox delivery');
      throw new Error(`The sandbox's invoice.paid was refused (${response.statusCode})`);
    }
    return response.statusCode;
  }
}

/** Stripe bills monthly on the start's day of the month (clamped to the month's last day). */
export function addMonth(from: Date): Date {
  const next = new Date(from);
  next.setUTCDate(1);
  next.setUTCMonth(next.getUTCMonth() + 1);
  const lastDay = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
  next.setUTCDate(Math.min(from.getUTCDate(), lastDay));
  return next;
}
