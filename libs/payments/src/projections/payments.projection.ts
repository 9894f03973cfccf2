import { EntityManager } from '@mikro-orm/postgresql';
import { Projection, ProjectionContext, RecordedEvent, RegisteredProjection } from '@tally/eventstore';
import { PAYMENT_EVENT_TYPES, PaymentEvent } from '../domain/payment.events';

/**
 * Builds `payments`, `refunds` and `dispute_cases` from the payment streams. Every write is an
 * idempotent upsert or an update to a value derived from the event, so a replay gives the same rows.
 */
/** The projection's name: reads of the `payments` table wait for it (read-your-writes). */
export const PAYMENTS_PROJECTION = 'payments';

@RegisteredProjection()
export class PaymentsProjection implements Projection {
  readonly name = PAYMENTS_PROJECTION;
  readonly version = 2;
  readonly filter = { streamPrefixes: ['payment-'], eventTypes: PAYMENT_EVENT_TYPES };
  readonly tables = ['payments', 'refunds', 'dispute_cases'] as const;

  async apply(events: readonly RecordedEvent[], { em }: ProjectionContext): Promise<void> {
    for (const recorded of events) await this.applyOne(em, recorded.metadata.tenantId, { type: recorded.type, data: recorded.data } as PaymentEvent);
  }

  private async applyOne(em: EntityManager, tenantId: string, event: PaymentEvent): Promise<void> {
    const d = event.data;
    switch (event.type) {
      case 'PaymentStarted':
        await em.execute(
          `insert into payments (payment_id, tenant_id, user_id, contest_id, votes, amount, currency, tax_amount, amount_refunded, status, provider, payment_method, provider_payment_id, timestamp, updated_at)
           values (?, ?, ?, ?, ?, ?, ?, ?, 0, 'pending', ?, null, ?, ?, ?) on conflict (payment_id) do nothing`,
          [event.data.paymentId, tenantId, event.data.voterId, event.data.contestId, event.data.votes, event.data.amount.amount, event.data.amount.currency, event.data.tax.amount, event.data.provider, event.data.providerPaymentId, event.data.at, event.data.at],
        );
        return;
      case 'PaymentCompleted':
        await em.execute(`update payments set status = 'completed', payment_method = ?, provider_payment_id = ?, updated_at = ? where payment_id = ?`, [event.data.paymentMethod, event.data.providerPaymentId, d.at, d.paymentId]);
        return;
      case 'PaymentFailed':
        await em.execute(`update payments set status = 'failed', updated_at = ? where payment_id = ?`, [d.at, d.paymentId]);
        return;
      case 'RefundRequested':
        await em.execute(
          `insert into refunds (refund_id, tenant_id, payment_id, amount, currency, reason, status, provider_refund_id, requested_by, requested_at, processed_at)
           values (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, null) on conflict (refund_id) do nothing`,
          [event.data.refundId, tenantId, d.paymentId, event.data.amount.amount, event.data.amount.currency, event.data.reason, event.data.providerRefundId, event.data.requestedBy, d.at],
        );
        return;
      case 'RefundFailed':
        await em.execute(`update refunds set status = 'failed', processed_at = ? where refund_id = ?`, [d.at, event.data.refundId]);
        return;
      case 'PaymentRefunded': {
        const data = event.data;
        await em.execute(
          `insert into refunds (refund_id, tenant_id, payment_id, amount, currency, reason, status, provider_refund_id, requested_by, requested_at, processed_at)
           values (?, ?, ?, ?, ?, ?, 'succeeded', ?, null, ?, ?)
           on conflict (refund_id) do update set status = 'succeeded', processed_at = excluded.processed_at, provider_refund_id = coalesce(refunds.provider_refund_id, excluded.provider_refund_id)`,
          [data.refundId, tenantId, data.paymentId, data.amount.amount, data.amount.currency, data.cause === 'dispute_lost' ? 'dispute_lost' : 'provider_refund', data.providerRefundId, data.at, data.at],
        );
        await em.execute(
          `update payments set amount_refunded = ?, status = case when status = 'disputed' then status when ? >= amount then 'refunded' else 'partially_refunded' end, updated_at = ? where payment_id = ?`,
          [data.takenBackTotal.amount, data.takenBackTotal.amount, data.at, data.paymentId],
        );
        return;
      }
      case 'DisputeOpened':
        await em.execute(
          `insert into dispute_cases (dispute_id, tenant_id, payment_id, reason, status, resolution, amount, currency, credits_held, opened_at, closed_at)
           values (?, ?, ?, ?, 'open', null, ?, ?, null, ?, null) on conflict (dispute_id) do nothing`,
          [event.data.disputeId, tenantId, d.paymentId, event.data.reason, event.data.amount.amount, event.data.amount.currency, d.at],
        );
        await em.execute(`update payments set status = 'disputed', updated_at = ? where payment_id = ?`, [d.at, d.paymentId]);
        return;
      case 'DisputeCreditsHeld':
        await em.execute(`update dispute_cases set credits_held = ? where dispute_id = ?`, [event.data.credits, event.data.disputeId]);
        return;
      case 'PaymentCreditsHeld':
        await em.execute(`update payments set credits_held = credits_held + ?, updated_at = ? where payment_id = ?`, [event.data.credits, d.at, d.paymentId]);
        if (event.data.cause === 'dispute') await em.execute(`update dispute_cases set credits_held = ? where dispute_id = ?`, [event.data.credits, event.data.holdId]);
        return;
      case 'PaymentCreditsReleased':
      case 'PaymentHoldReleased':
        await em.execute(`update payments set credits_held = credits_held - ?, updated_at = ? where payment_id = ?`, [event.data.credits, d.at, d.paymentId]);
        return;
      case 'DisputeClosed':
        await em.execute(`update dispute_cases set status = ?, resolution = ?, closed_at = ? where dispute_id = ?`, [event.data.outcome, event.data.outcome === 'won' ? 'funds_kept' : 'funds_returned', d.at, event.data.disputeId]);
        await em.execute(
          `update payments set status = case when amount_refunded >= amount then 'refunded' when amount_refunded > 0 then 'partially_refunded' else 'completed' end, updated_at = ?
            where payment_id = ? and not exists (select 1 from dispute_cases where payment_id = ? and status = 'open')`,
          [d.at, d.paymentId, d.paymentId],
        );
        return;
      case 'FraudWarningReceived':
        await em.execute(`update payments set fraud_warned_at = coalesce(fraud_warned_at, ?), updated_at = ? where payment_id = ?`, [d.at, d.at, d.paymentId]);
        return;
      default:
        return assertNever(event);
    }
  }
}

function assertNever(value: never): never {
  throw new Error(`Unexpected payment event ${JSON.stringify(value)}`);
}
