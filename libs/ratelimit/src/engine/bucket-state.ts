/** One bucket after a request was counted in it (or looked at). */
export interface BucketState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Milliseconds until the window ends and the bucket is full again. */
  resetMs: number;
}
