import { Money } from '../../domain/money';
import { PaymentState } from '../../domain/payment.state';
import { metadataOf } from '../payment-provider.port';
import { sandboxCardFingerprint, SandboxOutcome } from './sandbox-cards';

/** The sandbox's PaymentIntent: what Stripe would hold for the payment. */
export interface SandboxIntent {
  id: string;
  amount: Money;
  metadata: Record<string, string>;
}

/** A Stripe-shaped event (`evt_…`), so the sandbox's deliveries take Stripe's translation to facts. */
export interface SandboxEvent {
  id: string;
  object: 'event';
  type: string;
  api_version: string;
  created: number;
  livemode: false;
  data: { object: Record<string, unknown> };
}

/** The API version whose shapes these events follow. */
const API_VERSION = '2026-10-28';

/**
 * The sandbox keeps no books of its own: a sandbox payment's intent is what its PaymentStarted
 * recorded (the provider id, the amount, our ids), the same metadata Stripe would echo back.
 */
export function sandboxIntentOf(tenantId: string, state: PaymentState): SandboxIntent {
  if (!state.providerPaymentId || !state.amount) throw new Error(`Payment ${state.paymentId} has no sandbox intent`);
  return {
    id: state.providerPaymentId,
    amount: state.amount,
    metadata: metadataOf({ tenantId, paymentId: state.paymentId, voterId: state.voterId, contestId: state.contestId, votes: state.votes }),
  };
}

/** Stripe's failure codes for the declining test cards. */
const DECLINE_CODES: Record<'declined' | 'insufficient_funds', string> = { declined: 'generic_decline', insufficient_funds: 'insufficient_funds' };

/**
 * The event Stripe sends when a confirmation with the outcome's test card settles. A payment
 * with a named card carries its charge expanded (`latest_charge`), with the card's brand, last
 * four digits and deterministic fingerprint (sandboxCardFingerprint), as Stripe's charge does.
 */
export function sandboxPaymentEvent(intent: SandboxIntent, outcome: SandboxOutcome, eventId: string, now: Date, card: string | null = null): SandboxEvent {
  const base = { id: intent.id, object: 'payment_intent', amount: intent.amount.amount, currency: intent.amount.currency.toLowerCase(), livemode: false, metadata: intent.metadata, payment_method_types: ['card'] };
  switch (outcome) {
    case 'succeeded': {
      const charge = card
        ? { latest_charge: { id: `ch_${intent.id.replace(/^pi_/, '')}`, object: 'charge', payment_method_details: { type: 'card', card: { brand: 'visa', last4: card.slice(-4), fingerprint: sandboxCardFingerprint(card) } } } }
        : {};
      return sandboxEventOf(eventId, 'payment_intent.succeeded', { ...base, amount_received: intent.amount.amount, status: 'succeeded', ...charge }, now);
    }
    case 'declined':
    case 'insufficient_funds':
      return sandboxEventOf(
        eventId,
        'payment_intent.payment_failed',
        { ...base, amount_received: 0, status: 'requires_payment_method', last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: DECLINE_CODES[outcome] } },
        now,
      );
    case 'requires_action':
      return sandboxEventOf(eventId, 'payment_intent.requires_action', { ...base, amount_received: 0, status: 'requires_action', next_action: { type: 'use_stripe_sdk' } }, now);
    default: {
      const unknown: never = outcome;
      throw new Error(`Unknown sandbox outcome ${String(unknown)}`);
    }
  }
}

/** Stripe's `charge.refunded`: the running total refunded on the charge and its refunds so far. */
export function sandboxRefundEvent(intent: SandboxIntent, refundedTotal: number, refundIds: readonly string[], eventId: string, now: Date): SandboxEvent {
  return sandboxEventOf(
    eventId,
    'charge.refunded',
    {
      id: `ch_${intent.id.replace(/^pi_/, '')}`,
      object: 'charge',
      payment_intent: intent.id,
      amount: intent.amount.amount,
      amount_refunded: refundedTotal,
      refunded: refundedTotal >= intent.amount.amount,
      currency: intent.amount.currency.toLowerCase(),
      livemode: false,
      metadata: intent.metadata,
      refunds: { object: 'list', data: refundIds.map((id) => ({ id, object: 'refund', status: 'succeeded' })) },
    },
    now,
  );
}

/** A Stripe event around an object, as the sandbox sends it. */
export function sandboxEventOf(id: string, type: string, object: Record<string, unknown>, now: Date): SandboxEvent {
  return { id, object: 'event', type, api_version: API_VERSION, created: Math.floor(now.getTime() / 1000), livemode: false, data: { object } };
}
