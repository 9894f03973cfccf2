import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK, PG_POOL } from '@tally/platform';
import { Pool } from 'pg';
import { PaymentRiskInput } from '../signals/payment-risk.signal';
import { ExpiringCache } from './expiring-cache';

export interface PaymentHistoryFacts extends PaymentRiskInput {
  lastPurchaseAtMs: number | null;
}

const NONE: PaymentHistoryFacts = { payments: 0, refunds: 0, disputes: 0, fraudWarnings: 0, lastPurchaseAtMs: null };

/**
 * A voter's payment record from fraud_payment_risk (PaymentRiskProjection), cached per user for
 * five seconds: a purchase shows in the vote-pattern signal once its projection has applied it
 * and the cache has turned over, which is within seconds of the credits arriving.
 */
@Injectable()
export class PaymentHistory {
  private readonly cache = new ExpiringCache<Promise<PaymentHistoryFacts>>(5_000);

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  facts(tenantId: string, userId: string): Promise<PaymentHistoryFacts> {
    return this.cache.get(`${tenantId}:${userId}`, this.clock.now().getTime(), async () => {
      const { rows } = await this.pool.query<{ payments: number; refunds: number; disputes: number; fraud_warnings: number; last_purchase_at: Date | null }>(
        'select payments, refunds, disputes, fraud_warnings, last_purchase_at from fraud_payment_risk where tenant_id = $1 and user_id = $2',
        [tenantId, userId],
      );
      const row = rows[0];
      if (!row) return NONE;
      return { payments: row.payments, refunds: row.refunds, disputes: row.disputes, fraudWarnings: row.fraud_warnings, lastPurchaseAtMs: row.last_purchase_at?.getTime() ?? null };
    });
  }
}
