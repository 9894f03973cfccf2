import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { FxRate, PriceList, TaxMode, TaxRule } from '../domain/pricing';
import { PAYMENTS_CONFIG, PaymentsConfig } from '../payments.config';

/**
 * Price lists, tax rules and exchange rates, per tenant. A contest's own list wins over the
 * tenant's, and the configured default list (USD unless set otherwise) stands in for tenants
 * that have none, which is how the embedded `demo` tenant can sell votes out of the box.
 */
@Injectable()
export class PricingStore {
  constructor(
    private readonly em: EntityManager,
    @Inject(PAYMENTS_CONFIG) private readonly config: PaymentsConfig,
  ) {}

  async priceList(tenantId: string, contestId: string | null): Promise<PriceList> {
    const rows = await this.sql<{ contest_id: string; currency: string; unit_amount: number; is_base: boolean }>(
      `select contest_id, currency, unit_amount, is_base from payment_price_lists where tenant_id = ? and contest_id in (?, '') order by contest_id desc, currency`,
      [tenantId, contestId ?? ''],
    );
    const chosen = rows.filter((row) => row.contest_id === (rows[0]?.contest_id ?? ''));
    if (chosen.length === 0) return { contestId: null, ...this.config.defaultPriceList };
    return {
      contestId: chosen[0].contest_id || null,
      baseCurrency: (chosen.find((row) => row.is_base) ?? chosen[0]).currency,
      entries: chosen.map((row) => ({ currency: row.currency, unitAmount: Number(row.unit_amount) })),
    };
  }

  async taxRules(tenantId: string): Promise<TaxRule[]> {
    const rows = await this.sql<{ country: string; rate: string; mode: TaxMode }>(`select country, rate, mode from payment_tax_rules where tenant_id = ?`, [tenantId]);
    return rows.map((row) => ({ country: row.country, rate: row.rate, mode: row.mode }));
  }

  /** The newest rates per pair involving `currency`, the tenant's own before the platform's (`*`). */
  async rates(tenantId: string, currency: string): Promise<FxRate[]> {
    const rows = await this.sql<{ base: string; quote: string; rate: string; as_of: Date }>(
      `select distinct on (base, quote) base, quote, rate, as_of from payment_fx_rates
        where tenant_id in (?, '*') and (base = ? or quote = ?)
        order by base, quote, (tenant_id = '*'), as_of desc`,
      [tenantId, currency, currency],
    );
    return rows.map((row) => ({ base: row.base, quote: row.quote, rate: row.rate, asOf: new Date(row.as_of) }));
  }

  async setPriceList(tenantId: string, contestId: string | null, list: { baseCurrency: string; entries: { currency: string; unitAmount: number }[] }, now: Date): Promise<void> {
    await this.em.fork().transactional(async (em) => {
      await em.execute(`delete from payment_price_lists where tenant_id = ? and contest_id = ?`, [tenantId, contestId ?? '']);
      for (const entry of list.entries) {
        await em.execute(`insert into payment_price_lists (tenant_id, contest_id, currency, unit_amount, is_base, updated_at) values (?, ?, ?, ?, ?, ?)`, [
            tenantId,
            contestId ?? '',
            entry.currency,
            entry.unitAmount,
            entry.currency === list.baseCurrency,
            now,
          ]);
      }
    });
  }

  async setTaxRules(tenantId: string, rules: readonly TaxRule[], now: Date): Promise<void> {
    await this.em.fork().transactional(async (em) => {
      await em.execute(`delete from payment_tax_rules where tenant_id = ?`, [tenantId]);
      for (const rule of rules) {
        await em.execute(`insert into payment_tax_rules (tenant_id, country, rate, mode, updated_at) values (?, ?, ?, ?, ?)`, [tenantId, rule.country.toUpperCase(), rule.rate, rule.mode, now]);
      }
    });
  }

  async addRate(tenantId: string, rate: FxRate): Promise<void> {
    await this.sql(`insert into payment_fx_rates (tenant_id, base, quote, as_of, rate) values (?, ?, ?, ?, ?) on conflict do nothing`, [tenantId, rate.base, rate.quote, rate.asOf, rate.rate]);
  }

  private sql<T>(query: string, params: unknown[]): Promise<T[]> {
    return this.em.fork().getConnection().execute<T[]>(query, params);
  }
}
