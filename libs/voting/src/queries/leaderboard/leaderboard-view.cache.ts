/**
 * The leaderboard cache of SPEC's "Leaderboard caching": a built leaderboard is served to every
 * reader for `ttlMs`, and readers that arrive while one is being built wait for that build
 * instead of starting their own (single flight). A TV audience refreshing one board thousands of
 * times a second then costs one Redis read and one PostgreSQL query per event per `ttlMs`, not
 * per request. A view is at most `ttlMs` older than its `asOf`, on top of the projection lag.
 *
 * Per process: a recalculation made here invalidates at once, one made by another process is
 * seen within `ttlMs`. A build that fails is not kept, so the next reader tries again. At most
 * `maxEntries` events are kept; the least recently built goes first.
 */
interface Entry<View> {
  view: Promise<View>;
  /** Null while the build is in flight. */
  builtAt: number | null;
}

export class LeaderboardViewCache<View> {
  private readonly entries = new Map<string, Entry<View>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 1_000,
    /** Monotonic milliseconds; the domain clock may stand still in tests. */
    private readonly now: () => number = () => performance.now(),
  ) {}

  get(key: string, build: () => Promise<View>): Promise<View> {
    if (this.ttlMs <= 0) return build();
    const cached = this.entries.get(key);
    if (cached && (cached.builtAt === null || this.now() - cached.builtAt < this.ttlMs)) return cached.view;
    const entry: Entry<View> = { view: build(), builtAt: null };
    this.entries.delete(key);
    this.entries.set(key, entry);
    entry.view.then(
      () => {
        entry.builtAt = this.now();
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return entry.view;
  }

  /** The next reader builds afresh (a recalculation changed the ranks' baseline). */
  invalidate(key: string): void {
    this.entries.delete(key);
  }
}
