import type Stripe from 'stripe';
import { translatePaystackEvent } from './paystack/paystack-events';
import { STRIPE_EVENT_ROUTES, translateStripeEvent } from './stripe/stripe-events';

const metadata = { tally_tenant_id: 't1', tally_payment_id: 'p1', tally_voter_id: 'v1', tally_votes: '4', tally_contest_id: 'c1' };
const stripe = (type: string, object: Record<string, unknown>) => translateStripeEvent({ id: 'evt', object: 'event', type, data: { object } } as unknown as Stripe.Event);

describe('Stripe event routing table', () => {
  it('routes each handled type to its fact', () => {
    expect(stripe('payment_intent.payment_failed', { id: 'pi_1', status: 'requires_payment_method', last_payment_error: { code: 'card_declined', decline_code: 'insufficient_funds' }, metadata })).toEqual({
      providerPaymentId: 'pi_1',
      reference: { tenantId: 't1', paymentId: 'p1', voterId: 'v1', votes: 4, contestId: 'c1' },
      fact: { kind: 'payment_failed', providerPaymentId: 'pi_1', reason: 'insufficient_funds' },
    });
    expect(stripe('payment_intent.canceled', { id: 'pi_1', status: 'canceled', cancellation_reason: 'abandoned' }).fact).toEqual({ kind: 'payment_failed', providerPaymentId: 'pi_1', reason: 'canceled: abandoned' });
    expect(stripe('charge.refunded', { id: 'ch_1', payment_intent: 'pi_1', amount_refunded: 1234, currency: 'kwd', refunds: { data: [{ id: 're_1' }] } })).toMatchObject({
      providerPaymentId: 'pi_1',
      fact: { kind: 'refund_total', total: { amount: 1234, currency: 'KWD' }, providerRefundIds: ['re_1'] },
    });
    expect(stripe('refund.failed', { id: 're_1', payment_intent: 'pi_1', status: 'failed', failure_reason: 'expired_or_canceled_card' }).fact).toEqual({ kind: 'refund_failed', providerRefundId: 're_1', reason: 'expired_or_canceled_card' });
    expect(stripe('refund.updated', { id: 're_1', payment_intent: 'pi_1', status: 'succeeded' }).fact).toBeNull();
    expect(stripe('charge.dispute.created', { id: 'dp_1', payment_intent: 'pi_1', amount: 500, currency: 'jpy', reason: 'fraudulent' }).fact).toEqual({ kind: 'dispute_opened', disputeId: 'dp_1', amount: { amount: 500, currency: 'JPY' }, reason: 'fraudulent' });
    for (const [status, outcome] of [['won', 'won'], ['warning_closed', 'won'], ['lost', 'lost']] as const) {
      expect(stripe('charge.dispute.closed', { id: 'dp_1', payment_intent: { id: 'pi_1' }, amount: 500, currency: 'usd', status }).fact).toMatchObject({ kind: 'dispute_closed', outcome });
    }
    expect(stripe('radar.early_fraud_warning.created', { id: 'issfr_1', payment_intent: 'pi_1', fraud_type: 'made_with_stolen_card', actionable: true }).fact).toEqual({ kind: 'fraud_warning', warningId: 'issfr_1', fraudType: 'made_with_stolen_card', actionable: true });
  });

  it('records but does not act on other types', () => {
    expect(stripe('customer.created', { id: 'cus_1' }).fact).toBeNull();
    expect(stripe('payment_intent.created', { id: 'pi_9', metadata })).toMatchObject({ fact: null, providerPaymentId: 'pi_9', reference: { paymentId: 'p1' } });
    expect(Object.keys(STRIPE_EVENT_ROUTES)).toEqual(expect.arrayContaining(['payment_intent.succeeded', 'charge.refunded', 'charge.dispute.created', 'charge.dispute.closed', 'radar.early_fraud_warning.created']));
  });
});

describe('Paystack event routing table', () => {
  it('routes refunds, disputes and failures', () => {
    expect(translatePaystackEvent('refund.processed', { id: 55, transaction_reference: 'p1', amount: 2000, currency: 'NGN', status: 'processed' })).toEqual({
      providerPaymentId: 'p1',
      reference: null,
      fact: { kind: 'refund_succeeded', providerRefundId: '55', amount: { amount: 2000, currency: 'NGN' } },
    });
    expect(translatePaystackEvent('charge.dispute.create', { id: 7, refund_amount: 5000, currency: 'GHS', category: 'chargeback', transaction: { reference: 'p1', metadata } })).toMatchObject({
      providerPaymentId: 'p1',
      reference: { paymentId: 'p1' },
      fact: { kind: 'dispute_opened', disputeId: '7', amount: { amount: 5000, currency: 'GHS' } },
    });
    expect(translatePaystackEvent('charge.dispute.resolve', { id: 7, resolution: 'declined', refund_amount: 5000, currency: 'GHS', transaction: { reference: 'p1' } }).fact).toMatchObject({ outcome: 'won' });
    expect(translatePaystackEvent('charge.dispute.resolve', { id: 7, resolution: 'merchant-accepted', refund_amount: 5000, currency: 'GHS', transaction: { reference: 'p1' } }).fact).toMatchObject({ outcome: 'lost' });
    expect(translatePaystackEvent('transfer.success', { id: 1 }).fact).toBeNull();
  });
});
