import { sqlLiteral, UnnestColumns, UnnestRows, UnnestValue } from './unnest-rows';

/** A value of a JSON row: as for unnestRows, and for a `jsonb` column the JSON value itself (an object or array, not its text). */
export type JsonRowValue = UnnestValue | object;

/**
 * The same row source as unnestRows, `select * from jsonb_to_recordset('[…]'::jsonb) as r(a uuid, …)`,
 * built from ONE JSON document of the rows (JSON.stringify, native). For rows that carry `jsonb`
 * values: in unnestRows each of them is serialised on its own, escaped as an array element and
 * again as part of the string literal, all in JS, and parsed back through both layers by
 * PostgreSQL; here it is written once with its row. A fraud screening's factors cost the worker
 * ≈ 13 µs per row as array literals and ≈ 5 µs this way, for the same statement time
 * (bench/README.md, issue 13). PostgreSQL reads each column from the JSON value with the column
 * type's own input (text for uuid, timestamptz, …), so values are written as unnestRows takes them.
 * Like unnestRows' statements, one holding this `select` must take no `?` parameters.
 */
export function jsonRows<Row extends { [K in keyof Row]: JsonRowValue }>(columns: UnnestColumns<Row>, rows: readonly Row[]): UnnestRows {
  const names = Object.keys(columns) as (keyof Row & string)[];
  for (const row of rows) {
    for (const name of names) assertWritable(row[name], name);
  }
  const definition = names.map((name) => `${name} ${columns[name]}`).join(', ');
  return { columns: names.join(', '), select: `select * from jsonb_to_recordset(${sqlLiteral(JSON.stringify(rows))}::jsonb) as r(${definition})` };
}

/** A missing column would silently become NULL, and JSON has no NaN or Infinity (JSON.stringify writes null): refused, as unnestRows refuses them. */
function assertWritable(value: JsonRowValue | undefined, column: string): void {
  if (value === undefined) throw new Error(`Cannot write a row without ${column} to a JSON row source`);
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`Cannot write ${value} to a JSON row source (${column})`);
}
