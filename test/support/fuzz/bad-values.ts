import fc from 'fast-check';

/** One hostile value for a field, with a name for failure messages. */
export interface BadValue {
  kind: string;
  value: unknown;
}

const LONG = 'x'.repeat(10_000);

/** The fixed catalogue: every field of every operation gets each of these. */
export const BAD_FIELD_VALUES: readonly BadValue[] = [
  { kind: 'null', value: null },
  { kind: 'boolean', value: true },
  { kind: 'object', value: { nested: 'object' } },
  { kind: 'array', value: ['a', 1] },
  { kind: 'number-for-text', value: 12345 },
  { kind: 'text-for-number', value: '12' },
  { kind: 'huge', value: 1e308 },
  { kind: 'negative', value: -1 },
  { kind: 'unsafe-integer', value: 2 ** 53 + 1 },
  { kind: 'fraction', value: 1.5 },
  { kind: 'long-text', value: LONG },
  { kind: 'empty-text', value: '' },
  { kind: 'nul', value: 'a\u0000b' },
  { kind: 'control', value: 'bell\u0007\u001b[31m' },
  { kind: 'lone-surrogate', value: 'x\ud800y' },
  { kind: 'rtl-and-zero-width', value: '\u202Egnp.exe\u200F\u200B\uFEFF' },
  { kind: 'sql-injection', value: "x'); DROP TABLE es_events; --" },
  { kind: 'nosql-injection', value: { $gt: '', $where: 'sleep(1000)' } },
  { kind: 'template-injection', value: '{{7*7}}${7*7}<%= 7*7 %>#{7*7}' },
  // Built by JSON.parse so that __proto__ is an own key, as it is in a request body.
  { kind: 'proto-pollution', value: JSON.parse('{"__proto__": {"admin": true}, "constructor": {"prototype": {"admin": true}}}') as unknown },
];

const TEXT_KINDS = new Set(['long-text', 'empty-text', 'nul', 'control', 'lone-surrogate', 'rtl-and-zero-width', 'sql-injection', 'template-injection']);
const NUMBER_KINDS = new Set(['huge', 'negative', 'unsafe-integer', 'fraction']);

/**
 * The catalogue values worth sending to a field of this type: hostile text goes to text fields
 * and hostile numbers to numeric ones; the other type gets one representative (any number in a
 * text field is the same wrong type), and every field gets the wrong types, null and NUL.
 */
export function badValuesFor(type: string | undefined): BadValue[] {
  return BAD_FIELD_VALUES.filter(({ kind }) => {
    if (type === 'string') return !NUMBER_KINDS.has(kind) && kind !== 'text-for-number';
    if (type === 'number' || type === 'integer') return !TEXT_KINDS.has(kind) || kind === 'nul' || kind === 'long-text';
    return (!TEXT_KINDS.has(kind) && !NUMBER_KINDS.has(kind)) || kind === 'nul' || kind === 'long-text' || kind === 'huge';
  });
}

/** Raw bodies that are not JSON objects (or not JSON). */
export const NON_OBJECT_BODIES: readonly { kind: string; raw: string }[] = [
  { kind: 'null', raw: 'null' },
  { kind: 'array', raw: '[{"a":1}]' },
  { kind: 'string', raw: '"text"' },
  { kind: 'number', raw: '1e308' },
  { kind: 'truncated-json', raw: '{"a": ' },
  { kind: 'proto-key', raw: '{"__proto__": {"admin": true}}' },
];

/** Path parameter values, already percent-encoded as they go on the wire. */
export const BAD_PATH_VALUES: readonly { kind: string; wire: string; alwaysInvalid: boolean }[] = [
  { kind: 'nul', wire: 'a%00b', alwaysInvalid: true },
  { kind: 'only-nul', wire: '%00', alwaysInvalid: true },
  { kind: 'very-long', wire: 'x'.repeat(5_000), alwaysInvalid: true },
  { kind: 'bad-percent-encoding', wire: '%E0%A4%A', alwaysInvalid: true },
  { kind: 'not-a-uuid', wire: 'not-a-uuid', alwaysInvalid: false },
  { kind: 'sql-injection', wire: encodeURIComponent("1' OR '1'='1"), alwaysInvalid: false },
  { kind: 'traversal', wire: '..%2F..%2Fetc%2Fpasswd', alwaysInvalid: false },
  { kind: 'rtl', wire: encodeURIComponent('\u202Eabc'), alwaysInvalid: false },
];

/** Query values, percent-encoded. */
export const BAD_QUERY_VALUES: readonly { kind: string; wire: string; alwaysInvalid: boolean }[] = [
  { kind: 'nul', wire: '%00', alwaysInvalid: true },
  { kind: 'long', wire: 'q'.repeat(10_000), alwaysInvalid: false },
  { kind: 'not-a-uuid', wire: 'not-a-uuid', alwaysInvalid: false },
  { kind: 'huge', wire: '1e308', alwaysInvalid: false },
  { kind: 'sql-injection', wire: encodeURIComponent("' OR 1=1 --"), alwaysInvalid: false },
  { kind: 'repeated', wire: 'a&$name=b', alwaysInvalid: false },
];

/**
 * Extra values drawn by fast-check with the suite's seed: any unicode (lone surrogates
 * included), any JSON value, any double; the same seed draws the same values on every run.
 */
export function randomBadValues(seed: number, count: number): BadValue[] {
  const arbitrary = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }).map((value) => ({ kind: 'random-unicode', value: value })),
    fc.jsonValue({ maxDepth: 3 }).map((value) => ({ kind: 'random-json', value: value })),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((value) => ({ kind: 'random-double', value: value })),
    fc.bigInt({ min: 2n ** 53n, max: 2n ** 70n }).map((value) => ({ kind: 'random-big-integer', value: Number(value) })),
  );
  return fc.sample(arbitrary, { seed, numRuns: count });
}
