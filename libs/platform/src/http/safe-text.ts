/**
 * Characters no text field of Tally may hold: C0 and C1 control characters other than tab, line
 * feed and carriage return (NUL is refused by PostgreSQL's text and jsonb and would surface as a
 * 500), DEL, and UTF-16 surrogates that are not part of a pair (jsonb refuses their escapes, and
 * UTF-8 cannot encode them).
 */
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose
const UNSAFE_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isSafeText(value: string): boolean {
  return !UNSAFE_TEXT.test(value);
}

/**
 * The path (`name`, `settings.displayName`, `prices[2].currency`) of the first string or object
 * key inside `value` that holds an unsafe character, or null when all of it is safe.
 */
export function findUnsafeText(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return isSafeText(value) ? null : path;
  // Bodies are at most 1 MiB of JSON; the depth bound only keeps a hostile nesting from the stack.
  if (typeof value !== 'object' || value === null || depth > 64) return null;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = findUnsafeText(value[index], `${path}[${index}]`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    const field = path ? `${path}.${key}` : key;
    if (!isSafeText(key)) return path || 'body';
    const found = findUnsafeText(item, field, depth + 1);
    if (found) return found;
  }
  return null;
}
