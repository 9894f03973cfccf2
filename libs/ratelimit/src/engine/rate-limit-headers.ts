import { BucketState } from './bucket-state';

/** A rule as it was checked for one request. */
export interface CheckedBucket {
  name: string;
  windowSeconds: number;
  state: BucketState;
}

/** Whole seconds until a bucket is full again, never 0 while it is empty (a client would retry at once). */
export function resetSeconds(state: BucketState): number {
  return Math.max(1, Math.ceil(state.resetMs / 1000));
}

/**
 * The fields of draft-ietf-httpapi-ratelimit-headers (-10): `RateLimit-Policy` lists each
 * policy with its quota (q) and window (w), `RateLimit` its remaining quota (r) and the seconds
 * until it resets (t), both as structured-field lists of quoted policy names. The most
 * constrained policy comes first. Rule names are restricted (RULE_NAME) so they need no escaping.
 */
export function rateLimitHeaders(checked: readonly CheckedBucket[]): { policy: string; limit: string } {
  const ordered = [...checked].sort((a, b) => a.state.remaining - b.state.remaining || b.state.resetMs - a.state.resetMs);
  return {
    policy: ordered.map((bucket) => `"${bucket.name}";q=${bucket.state.limit};w=${bucket.windowSeconds}`).join(', '),
    limit: ordered.map((bucket) => `"${bucket.name}";r=${bucket.state.remaining};t=${resetSeconds(bucket.state)}`).join(', '),
  };
}
