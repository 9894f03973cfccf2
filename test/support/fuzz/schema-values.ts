import { randomUUID } from 'node:crypto';
import { isSafeText, isUuid } from '@tally/platform';
import type { Schema } from './openapi-operations';

/** Real ids the fuzzer puts wherever a field or parameter of that name is not being fuzzed. */
export type Fixtures = Record<string, string>;

/** Longest string Tally should take where the document states no maxLength. */
export const UNDECLARED_MAX_LENGTH = 10_000;

/** A plausible value for a schema, so that the one field being fuzzed is the only thing wrong. */
export function plausible(schema: Schema, name: string, fixtures: Fixtures): unknown {
  if (schema.example !== undefined) return name in fixtures ? fixtures[name] : schema.example;
  if (schema.enum?.length) return schema.enum[0];
  if (name in fixtures) return fixtures[name];
  switch (schema.type) {
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return false;
    case 'array':
      return schema.items ? [plausible(schema.items, name, fixtures)] : [];
    case 'object':
      return plausibleObject(schema, fixtures);
    case undefined:
    default:
      return plausibleString(schema, name);
  }
}

export function plausibleObject(schema: Schema, fixtures: Fixtures): Record<string, unknown> {
  const required = new Set(schema.required ?? []);
  return Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([key]) => required.has(key)).map(([key, value]) => [key, plausible(value, key, fixtures)]));
}

function plausibleString(schema: Schema, name: string): string {
  if (schema.format === 'uuid' || /Id$/.test(name)) return randomUUID();
  if (schema.format === 'email' || /email/i.test(name)) return `fuzz-${randomUUID().slice(0, 8)}@fuzz.test`;
  if (schema.format === 'date-time') return '2026-03-01T00:00:00Z';
  return 'fuzz'.padEnd(schema.minLength ?? 4, 'z');
}

/**
 * Whether the document (with Tally's global rules from docs/architecture.md) says `value` is not
 * acceptable for `schema`: then any 2xx is a failure. `false` means "may be valid": then only
 * a 5xx, or a refusal that changed state, is a failure.
 */
export function isInvalid(value: unknown, schema: Schema, name: string): boolean {
  if (value === null) return schema.nullable !== true;
  if (typeof value === 'string' && !isSafeText(value)) return true;
  switch (schema.type) {
    case 'string':
      return typeof value !== 'string' || isInvalidString(value, schema, name);
    case 'integer':
    case 'number':
      return typeof value !== 'number' || isInvalidNumber(value, schema);
    case 'boolean':
      return typeof value !== 'boolean';
    case 'array':
      return !Array.isArray(value) || (schema.items !== undefined && value.some((item) => isInvalid(item, schema.items as Schema, name)));
    case 'object':
      return typeof value !== 'object' || Array.isArray(value);
    case undefined:
    default:
      return schema.enum !== undefined && !schema.enum.includes(value);
  }
}

function isInvalidString(value: string, schema: Schema, name: string): boolean {
  if (schema.enum && !schema.enum.includes(value)) return true;
  if (value.length > (schema.maxLength ?? UNDECLARED_MAX_LENGTH - 1)) return true;
  if (schema.minLength !== undefined && value.length < schema.minLength) return true;
  if ((schema.format === 'uuid' || /Id$/.test(name)) && !isUuid(value)) return true;
  if (schema.format === 'email' && !/^[^@\s]+@[^@\s]+$/.test(value)) return true;
  if (schema.format === 'date-time' && Number.isNaN(Date.parse(value))) return true;
  return schema.pattern !== undefined && !matchesPattern(schema.pattern, value);
}

/** A pattern JavaScript cannot compile says nothing about the value. */
function matchesPattern(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    return true;
  }
}

/** No count or amount of Tally comes near 2^53, and none is negative. */
function isInvalidNumber(value: number, schema: Schema): boolean {
  if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER || value >= 1e15) return true;
  if (schema.type === 'integer' && !Number.isInteger(value)) return true;
  if (schema.minimum !== undefined && value < schema.minimum) return true;
  if (schema.maximum !== undefined && value > schema.maximum) return true;
  return value < 0;
}
