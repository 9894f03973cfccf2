import { Env, EnvReader } from '@tally/platform';

/** When the write paths marked @ShedsLoad() refuse work because the read side fell behind. */
export interface BackpressureConfig {
  /** The projections whose lag counts (the vote path's read models by default). */
  projections: readonly string[];
  /** Shed load when the oldest unapplied event of one of them has waited longer (0: never by time). */
  maxLagSeconds: number;
  /** Shed load when one of them has more events than this to apply (0: never by count). */
  maxLagEvents: number;
  /** How often the lag is measured (requests in between use the last verdict). */
  checkMs: number;
  /** What Retry-After says. */
  retryAfterSeconds: number;
}

export const BACKPRESSURE_CONFIG = Symbol('BackpressureConfig');

export function loadBackpressureConfig(env: Env): BackpressureConfig {
  const read = new EnvReader(env);
  return {
    projections: read
      .string('BACKPRESSURE_PROJECTIONS', 'voting-votes,voting-leaderboard')
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name.length > 0),
    maxLagSeconds: read.int('BACKPRESSURE_MAX_LAG_SECONDS', 30, { min: 0, max: 86_400 }),
    maxLagEvents: read.int('BACKPRESSURE_MAX_LAG_EVENTS', 0, { min: 0, max: 10_000_000 }),
    checkMs: read.int('BACKPRESSURE_CHECK_MS', 1_000, { min: 10, max: 60_000 }),
    retryAfterSeconds: read.int('BACKPRESSURE_RETRY_AFTER_SECONDS', 5, { min: 1, max: 3_600 }),
  };
}
