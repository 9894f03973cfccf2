/**
 * Answers kept for a while per key, bounded in size (oldest out first). The lookups behind the
 * slow signals (phone, payments, tenant settings) change rarely, and a vote must not wait on
 * them each time; a value may be `ttlMs` stale, which each user of the cache states.
 *
 * A load that answers with a promise is shared by the concurrent callers of its key, and once it
 * settles the value replaces it: later hits get the value itself, so a vote whose lookups are
 * all cached is scored without a promise to wait on (the vote path stays synchronous).
 */
export class ExpiringCache<V> {
  private readonly entries = new Map<string, { value: V | Promise<V>; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 100_000,
  ) {}

  /** The cached value, or `load()`'s. */
  get(key: string, nowMs: number, load: () => V | Promise<V>): V | Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > nowMs) return hit.value;
    const value = load();
    const entry = { value, expiresAt: nowMs + this.ttlMs };
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, entry);
    if (value instanceof Promise) {
      value.then(
        (settled) => {
          if (this.entries.get(key) === entry) entry.value = settled;
        },
        // A failed load is not kept: the next caller tries again.
        () => this.entries.get(key) === entry && this.entries.delete(key),
      );
    }
    return value;
  }

  forget(key: string): void {
    this.entries.delete(key);
  }
}
