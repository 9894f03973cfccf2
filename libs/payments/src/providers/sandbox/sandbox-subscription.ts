import { createHash } from 'node:crypto';
import { Money, roundHalfUp, toSafeNumber } from '../../domain/money';
import { PaymentsError } from '../../payments.errors';
import { SandboxOutcome, sandboxOutcomeOf } from './sandbox-cards';
import { SandboxEvent, sandboxEventOf } from './sandbox-events';

/**
 * The sandbox's Stripe Billing objects, kept as the sandbox's own books (Stripe keeps its
 * subscriptions; so does the sandbox, in `sandbox_billing_subscriptions`). Everything here is
 * pure: each operation takes a subscription and the moment, and answers the subscription after
 * it and the Stripe-shaped events Stripe would send for it (invoice.paid,
 * invoice.payment_failed, customer.subscription.updated/deleted).
 */
export type SandboxSubscriptionStatus = 'incomplete' | 'active' | 'past_due' | 'canceled';

/** Why an invoice was made, as Stripe's `billing_reason`. */
export type SandboxBillingReason = 'subscription_create' | 'subscription_cycle' | 'subscription_update';

export interface SandboxInvoiceLine {
  description: string;
  /** Minor units; negative for the credit of unused time. */
  amount: number;
  periodStartMs: number;
  periodEndMs: number;
}

export interface SandboxInvoice {
  id: string;
  reason: SandboxBillingReason;
  lines: SandboxInvoiceLine[];
  /** What is charged: the lines' total less the customer's credit, never below zero. */
  amountDue: number;
  attempts: number;
  periodStartMs: number;
  periodEndMs: number;
}

export interface SandboxSubscription {
  tenantId: string;
  id: string;
  customerId: string;
  itemId: string;
  /** The Tally user the customer is (who may drive the sandbox's controls besides organizers). */
  customerUserId: string;
  metadata: Record<string, string>;
  /** The item's monthly price. */
  price: Money;
  currentPeriodStartMs: number;
  currentPeriodEndMs: number;
  status: SandboxSubscriptionStatus;
  cancelAtPeriodEnd: boolean;
  /** The customer's credit in minor units (a downgrade's unused time), spent by the next invoices. */
  credit: number;
  /** The invoice not yet paid: the first one, or a renewal whose payment failed. */
  openInvoice: SandboxInvoice | null;
  invoiceCount: number;
  /** Idempotency keys of the price changes applied (the newest 20), so a retried change is not billed twice. */
  appliedChanges: string[];
}

/** What an operation did: the subscription after it and the events to deliver, in order. */
export interface SandboxBillingOutcome {
  subscription: SandboxSubscription;
  events: SandboxEvent[];
}

/** A card attempt's result on an invoice, as the sandbox's test cards give it (an invoice has no 3-D Secure step here). */
export type SandboxChargeOutcome = Exclude<SandboxOutcome, 'requires_action'>;
export const SANDBOX_CHARGE_OUTCOMES: readonly SandboxChargeOutcome[] = ['succeeded', 'declined', 'insufficient_funds'];

/** The outcome a request names by card or by name (sandboxOutcomeOf); the card that asks for authentication is refused for invoices. */
export function sandboxChargeOutcomeOf(request: { outcome?: SandboxOutcome; card?: string }): SandboxChargeOutcome {
  const outcome = sandboxOutcomeOf(request);
  if (outcome === 'requires_action') {
    throw new PaymentsError('PAYMENTS.SANDBOX_CARD_UNKNOWN', "The sandbox's invoices are paid off-session: a card that asks for authentication is not taken", { field: request.card === undefined ? 'outcome' : 'card' });
  }
  return outcome;
}

export interface NewSandboxSubscription {
  tenantId: string;
  /** The caller's idempotency key: the same key gives the same ids, as Stripe's does. */
  idempotencyKey: string;
  customerUserId: string;
  metadata: Record<string, string>;
  price: Money;
}

const KEPT_CHANGES = 20;

/** Stripe bills monthly on the start's day of the month (clamped to the month's last day). */
export function addMonth(from: Date): Date {
  const next = new Date(from);
  next.setUTCDate(1);
  next.setUTCMonth(next.getUTCMonth() + 1);
  const lastDay = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
  next.setUTCDate(Math.min(from.getUTCDate(), lastDay));
  return next;
}

/** A new subscription, incomplete, with its first invoice (the first month) open; nothing is sent yet, as Stripe's `default_incomplete`. */
export function newSandboxSubscription(request: NewSandboxSubscription, now: Date): SandboxSubscription {
  if (!Number.isSafeInteger(request.price.amount) || request.price.amount < 0) throw new RangeError(`A sandbox price is a whole number of minor units, not ${request.price.amount}`);
  const key = createHash('sha256').update(`${request.tenantId}:${request.idempotencyKey}`).digest('hex').slice(0, 24);
  const start = now.getTime();
  const end = addMonth(now).getTime();
  const subscription: SandboxSubscription = {
    tenantId: request.tenantId,
    id: `sub_sandbox_${key}`,
    customerId: `cus_sandbox_${key}`,
    itemId: `si_sandbox_${key}`,
    customerUserId: request.customerUserId,
    metadata: request.metadata,
    price: request.price,
    currentPeriodStartMs: start,
    currentPeriodEndMs: end,
    status: 'incomplete',
    cancelAtPeriodEnd: false,
    credit: 0,
    openInvoice: null,
    invoiceCount: 0,
    appliedChanges: [],
  };
  return withInvoice(subscription, 'subscription_create', [{ description: `1 × month at ${request.price.amount}`, amount: request.price.amount, periodStartMs: start, periodEndMs: end }]);
}

/**
 * Charges the open invoice with a card. Paid: the subscription is active and, for the first
 * invoice or a renewal, its current period becomes the invoice's. Failed: the attempt is
 * counted and the invoice stays open; an active subscription becomes past_due (an incomplete
 * one stays incomplete, as Stripe's does). A status change also sends
 * customer.subscription.updated.
 */
export function chargeOpenInvoice(subscription: SandboxSubscription, outcome: SandboxChargeOutcome, now: Date, nextEventId: () => string): SandboxBillingOutcome {
  const invoice = subscription.openInvoice;
  if (!invoice) throw new PaymentsError('PAYMENTS.SANDBOX_NOT_BILLABLE', `Sandbox subscription ${subscription.id} has no open invoice`, { subscriptionId: subscription.id });
  const attempted: SandboxInvoice = { ...invoice, attempts: invoice.attempts + 1 };
  if (outcome === 'succeeded') {
    const paid: SandboxSubscription = {
      ...subscription,
      status: 'active',
      openInvoice: null,
      currentPeriodStartMs: invoice.periodStartMs,
      currentPeriodEndMs: invoice.periodEndMs,
    };
    return { subscription: paid, events: [invoiceEvent(paid, attempted, 'invoice.paid', now, nextEventId), ...statusChange(subscription, paid, now, nextEventId)] };
  }
  const failed: SandboxSubscription = { ...subscription, status: subscription.status === 'incomplete' ? 'incomplete' : 'past_due', openInvoice: attempted };
  return { subscription: failed, events: [invoiceEvent(failed, attempted, 'invoice.payment_failed', now, nextEventId, outcome), ...statusChange(subscription, failed, now, nextEventId)] };
}

/** The next period's invoice (from the current period's end), opened now; the customer's credit pays what it can of it. */
export function openRenewal(subscription: SandboxSubscription): SandboxSubscription {
  if (subscription.status === 'canceled' || subscription.status === 'incomplete') {
    throw new PaymentsError('PAYMENTS.SANDBOX_NOT_BILLABLE', `Sandbox subscription ${subscription.id} is ${subscription.status}: it has no renewal to bill`, { subscriptionId: subscription.id, status: subscription.status });
  }
  if (subscription.cancelAtPeriodEnd) throw new PaymentsError('PAYMENTS.SANDBOX_NOT_BILLABLE', `Sandbox subscription ${subscription.id} ends at its period's end: it is not renewed`, { subscriptionId: subscription.id });
  if (subscription.openInvoice) return subscription;
  const start = subscription.currentPeriodEndMs;
  const end = addMonth(new Date(start)).getTime();
  return withInvoice(subscription, 'subscription_cycle', [{ description: `1 × month at ${subscription.price.amount}`, amount: subscription.price.amount, periodStartMs: start, periodEndMs: end }]);
}

/**
 * Stripe's proration of a price change made at `now` inside the current period [start, end),
 * with `proration_behavior: always_invoice`: two lines on an invoice made at once,
 *   unused time on the old price:    − round(old × (end − now) / (end − start))
 *   remaining time on the new price: + round(new × (end − now) / (end − start))
 * in whole seconds (Stripe prorates to the second), each line rounded half-up to the minor unit.
 * A positive total is charged to the card on file now; a negative one (a downgrade) becomes the
 * customer's credit, spent by the next invoices, and the invoice is paid at zero.
 */
export function prorationLines(from: Money, to: Money, periodStartMs: number, periodEndMs: number, nowMs: number): SandboxInvoiceLine[] {
  const whole = BigInt(Math.max(Math.floor((periodEndMs - periodStartMs) / 1000), 1));
  const left = BigInt(Math.min(Math.max(Math.floor((periodEndMs - nowMs) / 1000), 0), Number(whole)));
  const part = (amount: number) => toSafeNumber(roundHalfUp(BigInt(amount) * left, whole));
  const start = Math.min(nowMs, periodEndMs);
  return [
    { description: `Unused time on ${from.amount} after ${new Date(start).toISOString()}`, amount: -part(from.amount), periodStartMs: start, periodEndMs },
    { description: `Remaining time on ${to.amount} after ${new Date(start).toISOString()}`, amount: part(to.amount), periodStartMs: start, periodEndMs },
  ];
}

/** A new price for the item from `now`, prorated (prorationLines) and invoiced at once; a repeated idempotency key changes nothing. */
export function changePrice(subscription: SandboxSubscription, to: Money, idempotencyKey: string, now: Date, nextEventId: () => string): SandboxBillingOutcome {
  if (subscription.appliedChanges.includes(idempotencyKey)) return { subscription, events: [] };
  if (subscription.status !== 'active' && subscription.status !== 'past_due') {
    throw new PaymentsError('PAYMENTS.SANDBOX_NOT_BILLABLE', `Sandbox subscription ${subscription.id} is ${subscription.status}: its price cannot change`, { subscriptionId: subscription.id, status: subscription.status });
  }
  if (to.currency !== subscription.price.currency) throw new PaymentsError('PAYMENTS.SANDBOX_NOT_BILLABLE', `The new price is in ${to.currency}, the subscription in ${subscription.price.currency}`, { field: 'currency' });
  const lines = prorationLines(subscription.price, to, subscription.currentPeriodStartMs, subscription.currentPeriodEndMs, now.getTime());
  const repriced: SandboxSubscription = { ...subscription, price: to, appliedChanges: [...subscription.appliedChanges, idempotencyKey].slice(-KEPT_CHANGES) };
  const invoiced = withInvoice(repriced, 'subscription_update', lines);
  const invoice = invoiced.openInvoice!;
  // Paid at once (the card on file, or the credit when the total is not positive); the failing renewal, if any, stays open.
  const paid: SandboxSubscription = { ...invoiced, openInvoice: subscription.openInvoice };
  return {
    subscription: paid,
    events: [invoiceEvent(paid, { ...invoice, attempts: 1 }, 'invoice.paid', now, nextEventId), subscriptionEvent(paid, 'customer.subscription.updated', now, nextEventId)],
  };
}

/**
 * Cancel at the period's end: customer.subscription.updated says so now, and the sandbox's
 * clock (`advanceClock`) ends it then. An incomplete one (never paid) is cancelled at once,
 * with nothing to tell: no period was paid.
 */
export function cancelAtPeriodEnd(subscription: SandboxSubscription, now: Date, nextEventId: () => string): SandboxBillingOutcome {
  if (subscription.status === 'canceled' || subscription.cancelAtPeriodEnd) return { subscription, events: [] };
  if (subscription.status === 'incomplete') return { subscription: { ...subscription, status: 'canceled', openInvoice: null }, events: [] };
  const cancelling: SandboxSubscription = { ...subscription, cancelAtPeriodEnd: true };
  return { subscription: cancelling, events: [subscriptionEvent(cancelling, 'customer.subscription.updated', now, nextEventId)] };
}

/**
 * What Stripe does when time passes the current period's end: a subscription set to cancel is
 * deleted; an active one is renewed, charged to the card on file (which pays: the sandbox's
 * control fails a renewal on purpose). A past_due one waits for the control (Stripe's retries).
 */
export function advanceClock(subscription: SandboxSubscription, now: Date, nextEventId: () => string): SandboxBillingOutcome {
  if (subscription.status === 'canceled' || subscription.currentPeriodEndMs > now.getTime()) return { subscription, events: [] };
  if (subscription.cancelAtPeriodEnd) {
    const ended: SandboxSubscription = { ...subscription, status: 'canceled', openInvoice: null };
    return { subscription: ended, events: [subscriptionEvent(ended, 'customer.subscription.deleted', now, nextEventId)] };
  }
  if (subscription.status !== 'active' || subscription.openInvoice) return { subscription, events: [] };
  return chargeOpenInvoice(openRenewal(subscription), 'succeeded', now, nextEventId);
}

/** Adds an open invoice of these lines. The customer's credit pays first; a negative total (a downgrade) adds to the credit and is due at zero. */
function withInvoice(subscription: SandboxSubscription, reason: SandboxBillingReason, lines: SandboxInvoiceLine[]): SandboxSubscription {
  const total = lines.reduce((sum, line) => sum + line.amount, 0);
  const amountDue = Math.max(total - subscription.credit, 0);
  const credit = total >= 0 ? Math.max(subscription.credit - total, 0) : subscription.credit - total;
  const number = subscription.invoiceCount + 1;
  const invoice: SandboxInvoice = {
    id: `in_${subscription.id.replace(/^sub_/, '')}_${number}`,
    reason,
    lines,
    amountDue,
    attempts: 0,
    periodStartMs: lines[0].periodStartMs,
    periodEndMs: lines[0].periodEndMs,
  };
  return { ...subscription, credit, invoiceCount: number, openInvoice: invoice };
}

function statusChange(before: SandboxSubscription, after: SandboxSubscription, now: Date, nextEventId: () => string): SandboxEvent[] {
  return before.status === after.status ? [] : [subscriptionEvent(after, 'customer.subscription.updated', now, nextEventId)];
}

const seconds = (ms: number): number => Math.floor(ms / 1000);

/** Stripe's invoice object (API 2025+: the subscription under `parent.subscription_details`). */
export function sandboxInvoiceObject(subscription: SandboxSubscription, invoice: SandboxInvoice, paid: boolean): Record<string, unknown> {
  const currency = subscription.price.currency.toLowerCase();
  return {
    id: invoice.id,
    object: 'invoice',
    customer: subscription.customerId,
    billing_reason: invoice.reason,
    currency,
    amount_due: invoice.amountDue,
    amount_paid: paid ? invoice.amountDue : 0,
    amount_remaining: paid ? 0 : invoice.amountDue,
    attempt_count: invoice.attempts,
    attempted: invoice.attempts > 0,
    status: paid ? 'paid' : 'open',
    livemode: false,
    period_start: seconds(invoice.periodStartMs),
    period_end: seconds(invoice.periodEndMs),
    parent: { type: 'subscription_details', subscription_details: { subscription: subscription.id, metadata: subscription.metadata } },
    lines: {
      object: 'list',
      data: invoice.lines.map((line, index) => ({
        id: `il_${invoice.id.replace(/^in_/, '')}_${index + 1}`,
        object: 'line_item',
        amount: line.amount,
        currency,
        description: line.description,
        period: { start: seconds(line.periodStartMs), end: seconds(line.periodEndMs) },
      })),
    },
  };
}

/** Stripe's subscription object (API 2025+: the period on the item). */
export function sandboxSubscriptionObject(subscription: SandboxSubscription): Record<string, unknown> {
  return {
    id: subscription.id,
    object: 'subscription',
    customer: subscription.customerId,
    status: subscription.status,
    cancel_at_period_end: subscription.cancelAtPeriodEnd,
    livemode: false,
    metadata: subscription.metadata,
    latest_invoice: subscription.invoiceCount > 0 ? `in_${subscription.id.replace(/^sub_/, '')}_${subscription.invoiceCount}` : null,
    items: {
      object: 'list',
      data: [
        {
          id: subscription.itemId,
          object: 'subscription_item',
          price: { object: 'price', unit_amount: subscription.price.amount, currency: subscription.price.currency.toLowerCase(), recurring: { interval: 'month', interval_count: 1 } },
          quantity: 1,
          current_period_start: seconds(subscription.currentPeriodStartMs),
          current_period_end: seconds(subscription.currentPeriodEndMs),
        },
      ],
    },
  };
}

const DECLINE_CODES: Record<Exclude<SandboxChargeOutcome, 'succeeded'>, string> = { declined: 'generic_decline', insufficient_funds: 'insufficient_funds' };

function invoiceEvent(subscription: SandboxSubscription, invoice: SandboxInvoice, type: 'invoice.paid' | 'invoice.payment_failed', now: Date, nextEventId: () => string, outcome?: SandboxChargeOutcome): SandboxEvent {
  const object = sandboxInvoiceObject(subscription, invoice, type === 'invoice.paid');
  const failure = outcome && outcome !== 'succeeded' ? { last_finalization_error: null, last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: DECLINE_CODES[outcome] } } : {};
  return sandboxEventOf(nextEventId(), type, { ...object, ...failure }, now);
}

function subscriptionEvent(subscription: SandboxSubscription, type: 'customer.subscription.updated' | 'customer.subscription.deleted', now: Date, nextEventId: () => string): SandboxEvent {
  return sandboxEventOf(nextEventId(), type, sandboxSubscriptionObject(subscription), now);
}
