import { createHash } from 'node:crypto';

/**
 * Names and SQL of a blue/green rebuild. A rebuild writes into `rebuild_<name>`, a schema holding
 * copies (`LIKE … INCLUDING ALL`) of the projection's tables, by putting that schema first on
 * the search_path of each batch transaction: MikroORM and projections' SQL name tables without
 * a schema, so the same code lands in the shadow copies. When caught up, the swap moves the
 * live tables to `archive_<name>` and the shadow ones to `public` in one transaction.
 */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The checkpoint key of a projection's rebuild, beside its live key. */
export function rebuildConsumer(projectionName: string): string {
  return `${projectionName}#rebuild`;
}

export function shadowSchemaName(projectionName: string): string {
  return `rebuild_${schemaSafe(projectionName)}`;
}

export function archiveSchemaName(projectionName: string): string {
  return `archive_${schemaSafe(projectionName)}`;
}

const TABLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Read-model tables live in `public` and are named plainly; anything else is a programming error. */
export function assertTableNames(projectionName: string, tables: readonly string[]): void {
  if (tables.length === 0) throw new Error(`Projection ${projectionName} lists no tables, so it cannot be rebuilt into a shadow schema`);
  for (const table of tables) {
    if (!TABLE_NAME.test(table)) throw new Error(`Projection ${projectionName}: table "${table}" must be an unqualified lower-case name`);
  }
}

/** SQL that (re)creates the empty shadow schema with copies of the live tables. */
export function createShadowSql(schema: string, tables: readonly string[]): string[] {
  return [
    `drop schema if exists ${quoteIdent(schema)} cascade`,
    `create schema ${quoteIdent(schema)}`,
    ...tables.map((table) => `create table ${quoteIdent(schema)}.${quoteIdent(table)} (like public.${quoteIdent(table)} including all)`),
  ];
}

/** SQL of the swap: live tables to the archive schema, shadow tables to public, shadow schema dropped. */
export function swapSql(shadow: string, archive: string, tables: readonly string[]): string[] {
  return [
    `drop schema if exists ${quoteIdent(archive)} cascade`,
    `create schema ${quoteIdent(archive)}`,
    ...tables.map((table) => `alter table public.${quoteIdent(table)} set schema ${quoteIdent(archive)}`),
    ...tables.map((table) => `alter table ${quoteIdent(shadow)}.${quoteIdent(table)} set schema public`),
    `drop schema ${quoteIdent(shadow)} cascade`,
  ];
}

// Schema names are at most 63 bytes; long projection names keep a readable prefix plus a hash.
function schemaSafe(name: string): string {
  const safe = name.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  if (safe.length <= 48) return safe;
  return `${safe.slice(0, 39)}_${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
}
