/**
 * This process's copies of cached results: least recently used dropped past `capacity`, each
 * kept at most `ttlMs`. `epoch` counts the invalidations this process has received; a result
 * computed while one arrived may predate the change it announced, so it is not kept
 * (`keep(…, epochAtStart)`). One counter for every key rather than one per key: invalidations are
 * rare (configuration changes), and a counter per key ever invalidated would grow without bound.
 */
export class LocalCopies {
  private readonly entries = new Map<string, { value: unknown; expiresAt: number }>();
  private invalidations = 0;

  constructor(
    private readonly capacity: number,
    private readonly ttlMs: number,
    /** Monotonic milliseconds. */
    private readonly now: () => number = () => performance.now(),
  ) {}

  get epoch(): number {
    return this.invalidations;
  }

  /** The copy, or `undefined` when there is none (a cached `null` is a value). */
  find(key: string): { value: unknown } | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    // Re-inserted: the most recently used is last.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return { value: entry.value };
  }

  /** Keeps `value` unless an invalidation arrived since `epochAtStart`. */
  keep(key: string, value: unknown, epochAtStart: number): void {
    if (this.capacity === 0 || this.ttlMs === 0 || epochAtStart !== this.invalidations) return;
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  drop(key: string): void {
    this.invalidations++;
    this.entries.delete(key);
  }

  /** Every copy, e.g. when invalidations may have been missed. */
  dropAll(): void {
    this.invalidations++;
    this.entries.clear();
  }
}
