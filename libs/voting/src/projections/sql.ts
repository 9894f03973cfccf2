import { EntityManager } from '@mikro-orm/postgresql';

/**
 * Rows for `jsonb_to_recordset(?::jsonb)`: one parameter however many rows, so a batch of a
 * thousand votes is one INSERT.
 */
export function recordset(rows: readonly object[]): string {
  return JSON.stringify(rows);
}

/**
 * True while the projection runs inside a rebuild (its batches put the shadow schema first on
 * the search_path). Side effects outside PostgreSQL (Redis) are skipped then: the live
 * projection keeps them current, and the rebuilt tables equal the live ones.
 */
export async function isRebuilding(em: EntityManager): Promise<boolean> {
  const rows = await em.execute<{ schema: string }[]>('select current_schema() as schema');
  return (rows[0]?.schema ?? 'public') !== 'public';
}
