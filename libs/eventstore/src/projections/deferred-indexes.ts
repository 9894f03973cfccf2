import { EntityManager } from '@mikro-orm/postgresql';
import { quoteIdent } from './shadow-schema';
import { arrayLiteral } from './unnest-rows';

/**
 * A rebuild fills its shadow tables without their plain (non-unique, non-constraint) indexes and
 * builds them once the replay is done: maintaining a btree on random keys row by row costs more
 * than one sorted build (measured on `votes`: 75 ms per 1,000 rows with both secondary indexes,
 * 40 ms without, plus 6 ms per 1,000 rows to build them at the end). Primary keys, unique
 * constraints and unique indexes stay: `on conflict` needs them and they catch bad data during
 * the replay, as on the live tables.
 */
export async function dropDeferrableIndexes(em: EntityManager, shadow: string, tables: readonly string[]): Promise<void> {
  const rows = await em.execute<{ name: string }[]>(
    `select ic.relname as name
       from pg_index i
       join pg_class ic on ic.oid = i.indexrelid
       join pg_class t on t.oid = i.indrelid
       join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = ? and t.relname = any(?::text[]) and not i.indisunique
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
    [shadow, arrayLiteral(tables)],
  );
  for (const row of rows) await em.execute(`drop index ${quoteIdent(shadow)}.${quoteIdent(row.name)}`);
}

/**
 * Creates in the shadow tables every index of the live tables they lack (compared by definition,
 * so a resumed rebuild that already built some skips them). Names are left to PostgreSQL: the
 * swap gives each index its live name back.
 */
export async function createDeferredIndexes(em: EntityManager, shadow: string, tables: readonly string[]): Promise<void> {
  const rows = await em.execute<{ schemaname: string; tablename: string; indexdef: string }[]>(
    `select schemaname, tablename, indexdef from pg_indexes where schemaname in ('public', ?) and tablename = any(?::text[])`,
    [shadow, arrayLiteral(tables)],
  );
  const present = new Set(rows.filter((row) => row.schemaname === shadow).map((row) => indexShape(row.indexdef)));
  for (const live of rows.filter((row) => row.schemaname === 'public')) {
    const shape = indexShape(live.indexdef);
    if (present.has(shape)) continue;
    present.add(shape);
    await em.execute(shape.replace(/^CREATE (UNIQUE )?INDEX ON /, `CREATE $1INDEX ON ${quoteIdent(shadow)}.${quoteIdent(live.tablename)} `));
  }
}

/** An index definition without its name and table: `CREATE INDEX ON USING btree (event_id)`. */
export function indexShape(indexdef: string): string {
  return indexdef.replace(/^CREATE (UNIQUE )?INDEX \S+ ON (ONLY )?\S+ /, 'CREATE $1INDEX ON ');
}
