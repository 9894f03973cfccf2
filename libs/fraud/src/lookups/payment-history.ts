import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK, PG_POOL } from '@tally/platform';
import { Pool } from 'pg';
import { PaymentRiskInput } from '../signals/payment-risk.signal';
import { ExpiringCache } from './expiring-cache';

export interface PaymentHistoryFacts extends PaymentRiskInput {
  lastPurchaseAtMs: number | null;
}

const NONE: PaymentHistoryFacts = { payments: 0, refunds: 0, disputes: 0, fraudWarnings: 0, cards: 0, accountsOnCard: 0, lastPurchaseAtMs: null };

/**
 * A voter's payment record from fraud_payment_risk and its cards from fraud_payment_cards
 * (PaymentRiskProjection), cached per user for five seconds: one query per voter per five
 * seconds, off the vote's own cost. A purchase shows in the vote-pattern signal, and a card
 * shared with another account in the payment-risk signal, once the projection has applied it
 * and the cache has turned over, which is within seconds of the payment.
 */
@Injectable()
export class PaymentHistory {
  private readonly cache = new ExpiringCache<PaymentHistoryFacts>(5_000);

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  facts(tenantId: string, userId: string): PaymentHistoryFacts | Promise<PaymentHistoryFacts> {
    return this.cache.get(`${tenantId}:${userId}`, this.clock.now().getTime(), async () => {
      const { rows } = await this.pool.query<{ payments: number; refunds: number; disputes: number; fraud_warnings: number; last_purchase_at: Date | null; cards: number; accounts_on_card: number }>(
        // The account's cards, and the most accounts any one of them paid for (this one included).
        `select r.payments, r.refunds, r.disputes, r.fraud_warnings, r.last_purchase_at,
           (select count(*) from fraud_payment_cards mine where mine.tenant_id = $1 and mine.user_id = $2)::int as cards,
           (select count(*) from fraud_payment_cards sharing where sharing.tenant_id = $1 and sharing.card_fingerprint in
             (select mine.card_fingerprint from fraud_payment_cards mine where mine.tenant_id = $1 and mine.user_id = $2)
            group by sharing.card_fingerprint order by count(*) desc limit 1)::int as accounts_on_card
         from fraud_payment_risk r where r.tenant_id = $1 and r.user_id = $2`,
        [tenantId, userId],
      );
      const row = rows[0];
      if (!row) return NONE;
      return {
        payments: row.payments,
        refunds: row.refunds,
        disputes: row.disputes,
        fraudWarnings: row.fraud_warnings,
        cards: row.cards,
        accountsOnCard: row.accounts_on_card ?? 0,
        lastPurchaseAtMs: row.last_purchase_at?.getTime() ?? null,
      };
    });
  }
}
