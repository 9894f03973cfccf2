import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@tally/platform';
import { Pool } from 'pg';

export interface Revenue {
  currency: string;
  /** Minor units: completed payments less what was refunded. */
  gross: number;
  refunded: number;
  net: number;
  payments: number;
}

/** Revenue per currency from the `payments` read model, for staff dashboards; `tenantId` null: every tenant. */
@Injectable()
export class RevenueReader {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async revenue(tenantId: string | null, from?: string, to?: string, contestId?: string): Promise<Revenue[]> {
    const { rows } = await this.pool.query<{ currency: string; gross: string; refunded: string; payments: string }>(
      `select currency, sum(amount) as gross, sum(amount_refunded) as refunded, count(*) as payments from payments
        where status in ('completed', 'partially_refunded', 'refunded', 'disputed') and ($1::text is null or tenant_id = $1)
          and ($2::timestamptz is null or timestamp >= $2) and ($3::timestamptz is null or timestamp < $3)
          and ($4::text is null or contest_id = $4)
        group by currency order by currency`,
      [tenantId, from ?? null, to ?? null, contestId ?? null],
    );
    return rows.map((row) => ({ currency: row.currency, gross: Number(row.gross), refunded: Number(row.refunded), net: Number(row.gross) - Number(row.refunded), payments: Number(row.payments) }));
  }
}
