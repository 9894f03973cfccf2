import { PG_POOL } from '@tally/platform';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Pool } from 'pg';

/**
 * Tables the API writes directly, outside the event store (settings, prices, keys, webhook
 * inbox). Read models are left out: they change only when events are appended (which the head
 * position shows) and may still be catching up with an earlier, accepted request.
 */
const DIRECT_TABLES = [
  'payment_price_lists',
  'payment_tax_rules',
  'payment_fx_rates',
  'payment_provider_settings',
  'payment_tenant_settings',
  'payment_settings_audit',
  'payment_webhooks',
  'subject_keys',
];

/**
 * A value that changes whenever a request changed Tally's state: the event log's last position
 * (appends never reuse one) and a digest of the directly written tables. Compare the values
 * taken before and after a refused request.
 */
export async function stateFingerprint(app: NestFastifyApplication): Promise<string> {
  const pool = app.get<Pool>(PG_POOL);
  const digests = DIRECT_TABLES.map((table) => `(select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) from ${table} t)`).join(" || '/' || ");
  const { rows } = await pool.query<{ head: string; tables: string }>(`select (select coalesce(max(global_position), 0) from es_events)::text as head, ${digests} as tables`);
  return `${rows[0].head}:${rows[0].tables}`;
}
