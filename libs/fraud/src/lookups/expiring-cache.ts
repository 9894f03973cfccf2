/**
 * Answers kept for a while per key, bounded in size (oldest out first). The lookups behind the
 * slow signals (phone, payments, tenant settings) change rarely, and a vote must not wait on
 * them each time; a value may be `ttlMs` stale, which each user of the cache states.
 */
export class ExpiringCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 100_000,
  ) {}

  /** The cached value, or `load()`'s (shared by concurrent callers of one key: a promise is cached as it is). */
  get(key: string, nowMs: number, load: () => V): V {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > nowMs) return hit.value;
    const value = load();
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, expiresAt: nowMs + this.ttlMs });
    // A failed load is not kept: the next caller tries again.
    if (value instanceof Promise) value.catch(() => this.entries.get(key)?.value === value && this.entries.delete(key));
    return value;
  }

  forget(key: string): void {
    this.entries.delete(key);
  }
}
