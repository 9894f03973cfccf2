/**
 * Set-based projection writes: a batch of rows becomes ONE statement,
 * `insert into t (a, b) select * from unnest('{…}'::uuid[], '{…}'::text[]) … on conflict …`, one
 * PostgreSQL array literal per column. Projections run it with `em.execute` (the batch
 * transaction's connection), so the rows commit or roll back with the checkpoint.
 *
 * The literals are written into the SQL here, not passed as `?` parameters: MikroORM's
 * `em.execute` inlines parameters itself with pg's `escapeLiteral`, which builds the string one
 * character at a time; on a batch of 5,000 votes (~2 MB of text) that garbage made the garbage
 * collector the largest CPU cost of a rebuild. So a statement holding `select` must take no `?`
 * parameters (MikroORM would look for placeholders inside the literals).
 */
export type UnnestType = 'uuid' | 'text' | 'integer' | 'bigint' | 'date' | 'timestamptz' | 'jsonb' | 'boolean';

export type UnnestValue = string | number | boolean | null;

/** Column name → its PostgreSQL type; the order is the statement's column order. */
export type UnnestColumns<Row> = { readonly [K in keyof Row]: UnnestType };

export interface UnnestRows {
  /** `a, b, c`: the column list for `insert into t (…)`. */
  columns: string;
  /** `select * from unnest('{…}'::uuid[], …) as r(a, b, c)`: a row source for INSERT or UPDATE … FROM, values inline. */
  select: string;
}

/** The rows as column arrays for `unnest`. Every row must have every column (null for SQL NULL). */
export function unnestRows<Row extends { [K in keyof Row]: UnnestValue }>(columns: UnnestColumns<Row>, rows: readonly Row[]): UnnestRows {
  const names = Object.keys(columns) as (keyof Row & string)[];
  const arrays = names.map((name) => inlineArray(rows.map((row) => row[name]), columns[name]));
  return { columns: names.join(', '), select: `select * from unnest(${arrays.join(', ')}) as r(${names.join(', ')})` };
}

/** `'{"a","b"}'::uuid[]`, ready to be written into a statement that takes no `?` parameters. */
export function inlineArray(values: readonly UnnestValue[], type: UnnestType): string {
  return `${sqlLiteral(arrayLiteral(values))}::${type}[]`;
}

/**
 * A SQL string literal, quoted as pg's escapeLiteral quotes it (an E'' string when it holds a
 * backslash, so it means the same whatever standard_conforming_strings says) but with two native
 * replaces instead of a character loop.
 */
export function sqlLiteral(text: string): string {
  const quoted = text.replace(/'/g, "''");
  return text.includes('\\') ? ` E'${quoted.replace(/\\/g, '\\\\')}'` : `'${quoted}'`;
}

/** `{"a","b",NULL}`: every element quoted, so commas, braces, quotes and spaces survive. */
export function arrayLiteral(values: readonly UnnestValue[]): string {
  let literal = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) literal += ',';
    literal += element(values[i]);
  }
  return `${literal}}`;
}

function element(value: UnnestValue): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} to an unnest column`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 't' : 'f';
  // Ids and timestamps (most values) hold neither quote nor backslash: skip the regex for them.
  if (value.indexOf('"') === -1 && value.indexOf('\\') === -1) return `"${value}"`;
  return `"${value.replace(/[\\"]/g, '\\$&')}"`;
}
