import { EntityManager } from '@mikro-orm/postgresql';
import { Projection, ProjectionContext, RecordedEvent, RegisteredProjection } from '@tally/eventstore';
import { PaymentEvent } from '@tally/payments';

/** Per-voter increments of one batch, keyed `tenant|user`. */
interface RiskDelta {
  tenantId: string;
  userId: string;
  payments: number;
  refunds: number;
  disputes: number;
  fraudWarnings: number;
  lastPurchaseAt: string | null;
}

/** One account's payments with one card in a batch, keyed `tenant|card|user`. */
interface CardUse {
  tenantId: string;
  cardFingerprint: string;
  userId: string;
  payments: number;
  firstPaidAt: string;
  lastPaidAt: string;
}

/**
 * fraud_payment_risk from the payment streams: completed payments, refunds, disputes and
 * issuers' early fraud warnings per voter, and when they last bought credits (the vote-pattern
 * signal's burst after a purchase); fraud_payment_cards: which accounts paid with which card
 * (PaymentCompleted's card fingerprint, when the provider gave one). Batches add up, so each event is counted once: the runner
 * applies a batch and moves the checkpoint in one transaction.
 */
@RegisteredProjection()
export class PaymentRiskProjection implements Projection {
  readonly name = 'fraud-payment-risk';
  readonly version = 2;
  readonly filter = { streamPrefixes: ['payment-'], eventTypes: ['PaymentStarted', 'PaymentCompleted', 'PaymentRefunded', 'DisputeOpened', 'FraudWarningReceived'] };
  readonly tables = ['fraud_payment_risk', 'fraud_payment_owners', 'fraud_payment_cards'];

  async apply(events: readonly RecordedEvent[], { em }: ProjectionContext): Promise<void> {
    const deltas = new Map<string, RiskDelta>();
    const owners = new Map<string, string>();
    const cards = new Map<string, CardUse>();
    for (const recorded of events) {
      const event = recorded as RecordedEvent & PaymentEvent;
      const tenantId = recorded.metadata.tenantId;
      const bump = (userId: string, change: Partial<RiskDelta>): void => {
        const key = `${tenantId}|${userId}`;
        const d = deltas.get(key) ?? { tenantId, userId, payments: 0, refunds: 0, disputes: 0, fraudWarnings: 0, lastPurchaseAt: null };
        d.payments += change.payments ?? 0;
        d.refunds += change.refunds ?? 0;
        d.disputes += change.disputes ?? 0;
        d.fraudWarnings += change.fraudWarnings ?? 0;
        if (change.lastPurchaseAt && (!d.lastPurchaseAt || change.lastPurchaseAt > d.lastPurchaseAt)) d.lastPurchaseAt = change.lastPurchaseAt;
        deltas.set(key, d);
      };
      switch (event.type) {
        case 'PaymentStarted':
          owners.set(`${tenantId}|${event.data.paymentId}`, event.data.voterId);
          break;
        case 'PaymentCompleted': {
          const { voterId, cardFingerprint, at } = event.data;
          bump(voterId, { payments: 1, lastPurchaseAt: at });
          if (cardFingerprint) {
            const key = `${tenantId}|${cardFingerprint}|${voterId}`;
            const use = cards.get(key) ?? { tenantId, cardFingerprint, userId: voterId, payments: 0, firstPaidAt: at, lastPaidAt: at };
            use.payments += 1;
            if (at < use.firstPaidAt) use.firstPaidAt = at;
            if (at > use.lastPaidAt) use.lastPaidAt = at;
            cards.set(key, use);
          }
          break;
        }
        case 'PaymentRefunded':
          bump(event.data.voterId, event.data.cause === 'dispute_lost' ? {} : { refunds: 1 });
          break;
        case 'DisputeOpened':
          bump(event.data.voterId, { disputes: 1 });
          break;
        case 'FraudWarningReceived': {
          const owner = owners.get(`${tenantId}|${event.data.paymentId}`) ?? (await this.ownerOf(em, tenantId, event.data.paymentId));
          if (owner) bump(owner, { fraudWarnings: 1 });
          break;
        }
        case 'PaymentFailed':
        case 'RefundRequested':
        case 'RefundFailed':
        case 'DisputeCreditsHeld':
        case 'PaymentCreditsHeld':
        case 'PaymentCreditsReleased':
        case 'PaymentHoldReleased':
        case 'DisputeClosed':
          break;
        default: {
          const unknown: never = event;
          void unknown;
        }
      }
    }
    await this.write(em, deltas, owners, cards);
  }

  private async ownerOf(em: EntityManager, tenantId: string, paymentId: string): Promise<string | null> {
    const rows = await em.execute<{ user_id: string }[]>(`select user_id from fraud_payment_owners where tenant_id = ? and payment_id = ?`, [tenantId, paymentId]);
    return rows[0]?.user_id ?? null;
  }

  private async write(em: EntityManager, deltas: Map<string, RiskDelta>, owners: Map<string, string>, cards: Map<string, CardUse>): Promise<void> {
    for (const c of cards.values()) {
      await em.execute(
        `insert into fraud_payment_cards (tenant_id, card_fingerprint, user_id, payments, first_paid_at, last_paid_at) values (?, ?, ?, ?, ?, ?)
         on conflict (tenant_id, card_fingerprint, user_id) do update set payments = fraud_payment_cards.payments + excluded.payments,
           first_paid_at = least(fraud_payment_cards.first_paid_at, excluded.first_paid_at), last_paid_at = greatest(fraud_payment_cards.last_paid_at, excluded.last_paid_at)`,
        [c.tenantId, c.cardFingerprint, c.userId, c.payments, c.firstPaidAt, c.lastPaidAt],
      );
    }
    for (const [key, userId] of owners) {
      const [tenantId, paymentId] = key.split('|') as [string, string];
      await em.execute(`insert into fraud_payment_owners (tenant_id, payment_id, user_id) values (?, ?, ?) on conflict do nothing`, [tenantId, paymentId, userId]);
    }
    for (const d of deltas.values()) {
      await em.execute(
        `insert into fraud_payment_risk (tenant_id, user_id, payments, refunds, disputes, fraud_warnings, last_purchase_at) values (?, ?, ?, ?, ?, ?, ?)
         on conflict (tenant_id, user_id) do update set payments = fraud_payment_risk.payments + excluded.payments, refunds = fraud_payment_risk.refunds + excluded.refunds,
           disputes = fraud_payment_risk.disputes + excluded.disputes, fraud_warnings = fraud_payment_risk.fraud_warnings + excluded.fraud_warnings,
           last_purchase_at = greatest(fraud_payment_risk.last_purchase_at, excluded.last_purchase_at)`,
        [d.tenantId, d.userId, d.payments, d.refunds, d.disputes, d.fraudWarnings, d.lastPurchaseAt],
      );
    }
  }
}
