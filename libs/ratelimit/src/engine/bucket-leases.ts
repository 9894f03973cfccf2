import { BucketState } from './bucket-state';

/**
 * Points this process took from a shared (Redis) bucket in one count and hands out to its own
 * requests without a round trip.
 */
interface Lease {
  /** The rule's limit when the points were taken: a changed limit voids the lease. */
  limit: number;
  /** The bucket's count as this process last saw it, counting only points the bucket granted. */
  counted: number;
  /** Granted points not handed to a request yet. */
  left: number;
  /** Points the last count granted: a lease down to a quarter of them is topped up ahead (refillSize). */
  size: number;
  /** When the bucket's window ends by the local clock: measured from before the count, so never later than Redis's expiry. */
  resetAt: number;
}

/** A lease takes at most this share of what is left in a bucket. */
const LEASE_SHARE = 1 / 32;
const MAX_BUCKETS = 100_000;

/**
 * The leases of one process, one per bucket key (README "Leases"). A request is served from the
 * lease when it has points left; otherwise the next count of the bucket takes `sizeFor` points at
 * once (1, a plain count, until the bucket is known to have plenty left; then a 32nd of what is
 * left, at most `maxLease`). Points only ever come out of the shared count, so however many
 * processes lease, never more than the limit pass in a window. What a process leased and had no
 * request for before the window ended is used by no one: the bucket may turn requests away
 * that early, by at most that lease per process. The last 64 points of a bucket are counted one
 * request at a time, exactly as without leases.
 *
 * A lease down to a quarter of its points is topped up ahead, in the background (`refillSize`,
 * `refilled`): the bucket's requests keep taking points meanwhile instead of all waiting on the
 * round trip, which on a bucket every request shares (an address, an endpoint, a tenant) stalled
 * the whole process once per lease. A process then holds at most a lease and a quarter unused.
 */
export class BucketLeases {
  private readonly leases = new Map<string, Lease>();
  /** Counts of several points in flight, by bucket: the bucket's other requests wait for them rather than count on their own. */
  private readonly inFlight = new Map<string, Promise<unknown>>();

  /** `maxLease` ≤ 1 turns leasing off: every request is counted in the shared bucket. */
  constructor(private readonly maxLease: number) {}

  /** A request served from this process's lease (no round trip), or null when it has none to give. */
  take(bucket: string, limit: number, nowMs: number): BucketState | null {
    const lease = this.current(bucket, limit, nowMs);
    if (!lease || lease.left === 0) return null;
    lease.left--;
    return { allowed: true, limit, remaining: limit - (lease.counted - lease.left), resetMs: lease.resetAt - nowMs };
  }

  /** Points this process holds unused in the bucket (they are counted in the store but still to be handed out). */
  unused(bucket: string, limit: number, nowMs: number): number {
    return this.current(bucket, limit, nowMs)?.left ?? 0;
  }

  /** The count of several points in flight for this bucket: wait for it, then take again. */
  pending(bucket: string): Promise<unknown> | undefined {
    return this.inFlight.get(bucket);
  }

  /** How many points the next count of this bucket takes. */
  sizeFor(bucket: string, limit: number, nowMs: number): number {
    const lease = this.current(bucket, limit, nowMs);
    if (!lease) return 1;
    const size = Math.min(this.maxLease, Math.floor((limit - lease.counted) * LEASE_SHARE));
    return size >= 2 ? size : 1;
  }

  /**
   * How many points to top this bucket's lease up with now, ahead of its running out: 0 unless it
   * is down to a quarter of its last grant, no count is in flight and the bucket has plenty left.
   */
  refillSize(bucket: string, limit: number, nowMs: number): number {
    const lease = this.current(bucket, limit, nowMs);
    if (!lease || lease.left > Math.ceil(lease.size / 4) || this.inFlight.has(bucket)) return 0;
    const size = this.sizeFor(bucket, limit, nowMs);
    return size >= 2 ? size : 0;
  }

  /** Marks a count of several points in flight until `answer` settles. */
  counting(bucket: string, answer: Promise<unknown>): void {
    this.inFlight.set(bucket, answer);
    const done = (): void => {
      if (this.inFlight.get(bucket) === answer) this.inFlight.delete(bucket);
    };
    answer.then(done, done);
  }

  /**
   * Records a count's answer and returns the state of the request that made it: `points` were
   * added to the bucket, which then held `consumed`, its window ending `msBeforeNext` after
   * `startedMs`. The bucket granted the points up to its limit; the counting request takes one
   * and the rest become the lease.
   */
  counted(bucket: string, limit: number, points: number, consumed: number, msBeforeNext: number, startedMs: number): BucketState {
    const { lease, granted } = this.record(bucket, limit, points, consumed, msBeforeNext, startedMs, 1);
    if (granted === 0) return { allowed: false, limit, remaining: 0, resetMs: Math.max(0, msBeforeNext) };
    // A plain count's own position in the bucket (parallel requests each see theirs); a lease's, after the request's point.
    const remaining = points === 1 ? limit - consumed : limit - (lease.counted - lease.left);
    return { allowed: true, limit, remaining: Math.max(0, remaining), resetMs: Math.max(0, msBeforeNext) };
  }

  /** Records the answer of a count made ahead (refillSize): every point the bucket granted goes to the lease, none to a request. */
  refilled(bucket: string, limit: number, points: number, consumed: number, msBeforeNext: number, startedMs: number): void {
    this.record(bucket, limit, points, consumed, msBeforeNext, startedMs, 0);
  }

  /** Adds a count's granted points to the bucket's lease, less the `taken` the counting request uses. */
  private record(bucket: string, limit: number, points: number, consumed: number, msBeforeNext: number, startedMs: number, taken: 0 | 1): { lease: Lease; granted: number } {
    const granted = Math.max(0, Math.min(points, limit - (consumed - points)));
    const resetAt = startedMs + Math.max(0, msBeforeNext);
    const known = this.leases.get(bucket);
    // Plain counts of one bucket answer in any order: keep the highest count of the window and what is left of a running lease.
    const same = known !== undefined && known.limit === limit && known.resetAt > startedMs ? known : undefined;
    const lease = this.remember(bucket, {
      limit,
      counted: Math.max(same?.counted ?? 0, consumed - points + granted),
      left: (same?.left ?? 0) + Math.max(0, granted - taken),
      size: granted,
      resetAt: same ? Math.min(same.resetAt, resetAt) : resetAt,
    });
    return { lease, granted };
  }

  /** The bucket's lease while it is good: same limit, window not over. */
  private current(bucket: string, limit: number, nowMs: number): Lease | undefined {
    const lease = this.leases.get(bucket);
    if (lease && (lease.limit !== limit || lease.resetAt <= nowMs)) {
      this.leases.delete(bucket);
      return undefined;
    }
    return lease;
  }

  private remember(bucket: string, lease: Lease): Lease {
    this.leases.delete(bucket);
    // Oldest out first: a forgotten lease only costs its unused points.
    if (this.leases.size >= MAX_BUCKETS) this.leases.delete(this.leases.keys().next().value!);
    this.leases.set(bucket, lease);
    return lease;
  }
}
